import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectDocumented,
  expectIdempotencyKeyRequired,
  openApiPaths,
  type OpenApiPaths,
} from '@ladder/testing';
import { startTrainingApp, type TrainingTestApp } from './support/training-app.js';

describe('the OpenAPI document', () => {
  let t: TrainingTestApp;
  let paths: OpenApiPaths;
  beforeAll(async () => {
    t = await startTrainingApp();
    paths = await openApiPaths(t.app);
  });
  afterAll(async () => t.close());

  it('when read, then it describes every route of the API with its success and error answers', () => {
    const expected = [
      ['post', '/v1/courses'],
      ['get', '/v1/courses'],
      ['get', '/v1/courses/{id}'],
      ['post', '/v1/courses/{id}/intakes'],
      ['get', '/v1/intakes'],
      ['get', '/v1/intakes/{id}'],
      ['patch', '/v1/intakes/{id}/capacity'],
      ['put', '/v1/intakes/{id}/sessions/{sessionNumber}/register'],
      ['get', '/v1/intakes/{id}/sessions/{sessionNumber}/register'],
      ['post', '/v1/intakes/{id}/places'],
      ['get', '/v1/places/{id}'],
      ['post', '/v1/places/{id}/offer/accept'],
      ['post', '/v1/places/{id}/offer/decline'],
      ['post', '/v1/places/{id}/withdraw'],
      ['post', '/v1/places/{id}/complete'],
      ['post', '/v1/places/{id}/progress'],
      ['get', '/v1/places/{id}/learner'],
      ['get', '/open-data/v1/services'],
      ['get', '/open-data/v1/services/{id}'],
    ] as const;
    expectDocumented(paths, expected);
    expect(Object.keys(paths['/v1/intakes/{id}/places']!.post!.responses!)).toEqual(
      expect.arrayContaining(['201', '200', '403', '404', '409', '422']),
    );
  });

  it('when read, then every creating POST requires the Idempotency-Key header', () => {
    expectIdempotencyKeyRequired(paths, [
      '/v1/courses',
      '/v1/courses/{id}/intakes',
      '/v1/intakes/{id}/places',
    ]);
  });
});
