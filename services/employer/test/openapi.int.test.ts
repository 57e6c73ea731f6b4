import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectDocumented,
  expectIdempotencyKeyRequired,
  openApiPaths,
  type OpenApiPaths,
} from '@ladder/testing';
import { startEmployerApp, type EmployerTestApp } from './support/employer-app.js';

const creatingPosts = [
  '/v1/sites',
  '/v1/placement-slots',
  '/v1/vacancies',
  '/v1/placement-slots/{id}/placements',
  '/v1/vacancies/{id}/interviews',
  '/v1/vacancies/{id}/offers',
  '/v1/offers/{id}/start-date',
  '/v1/employments/{id}/start',
];

describe('the OpenAPI document', () => {
  let t: EmployerTestApp;
  let paths: OpenApiPaths;
  beforeAll(async () => {
    t = await startEmployerApp();
    paths = await openApiPaths(t.app);
  });
  afterAll(async () => t.close());

  it('when read, then it describes every route of the API with its success and error answers', () => {
    const expected = [
      ...creatingPosts.map((p) => ['post', p] as const),
      ['get', '/v1/sites/{id}'],
      ['get', '/v1/placement-slots/{id}'],
      ['get', '/v1/vacancies/{id}'],
      ['get', '/v1/placements'],
      ['get', '/v1/placements/{id}'],
      ['post', '/v1/placements/{id}/confirm'],
      ['post', '/v1/placements/{id}/decline'],
      ['post', '/v1/placements/{id}/start'],
      ['post', '/v1/placements/{id}/complete'],
      ['post', '/v1/placements/{id}/end-early'],
      ['get', '/v1/interviews'],
      ['get', '/v1/interviews/{id}'],
      ['post', '/v1/interviews/{id}/record'],
      ['post', '/v1/interviews/{id}/reschedule'],
      ['post', '/v1/interviews/{id}/cancel'],
      ['get', '/v1/offers'],
      ['get', '/v1/offers/{id}'],
      ['post', '/v1/offers/{id}/accept'],
      ['post', '/v1/offers/{id}/decline'],
      ['post', '/v1/offers/{id}/withdraw'],
      ['get', '/v1/offers/{id}/checks'],
      ['put', '/v1/offers/{id}/checks/{check}'],
      ['get', '/v1/employments/{id}'],
      ['post', '/v1/employments/{id}/leave'],
      ['get', '/v1/sustainment-tasks'],
      ['get', '/v1/employments/{id}/sustainment-tasks/{weeks}'],
      ['post', '/v1/employments/{id}/sustainment-tasks/{weeks}/answer'],
    ] as const;
    expectDocumented(paths, expected);
    expect(Object.keys(paths['/v1/placement-slots/{id}/placements']!.post!.responses!)).toEqual(
      expect.arrayContaining(['201', '200', '403', '404', '409', '422']),
    );
    expect(Object.keys(paths['/v1/offers/{id}/checks/{check}']!.put!.responses!)).toEqual(
      expect.arrayContaining(['200', '400', '404', '409', '422']),
    );
    for (const action of ['reschedule', 'cancel'])
      expect(Object.keys(paths[`/v1/interviews/{id}/${action}`]!.post!.responses!)).toEqual(
        expect.arrayContaining(['200', '400', '403', '404', '409']),
      );
    const weeks = paths['/v1/employments/{id}/sustainment-tasks/{weeks}']!.get!.parameters!.find(
      (p) => p.name === 'weeks',
    );
    expect(weeks?.schema?.enum).toEqual(['13', '26']);
    for (const path of ['/v1/offers/{id}/start-date', '/v1/employments/{id}/start'])
      expect(Object.keys(paths[path]!.post!.responses!), path).toEqual(
        expect.arrayContaining(['201', '200', '404', '409', '422']),
      );
  });

  it('when read, then every creating POST requires the Idempotency-Key header', () => {
    expectIdempotencyKeyRequired(paths, creatingPosts);
  });
});
