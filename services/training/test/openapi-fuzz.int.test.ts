import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzFailures, fuzzOpenApi, type FuzzIdentity } from '@ladder/testing';
import { startTrainingApp, type TrainingTestApp } from './support/training-app.js';

describe('the training API against a fuzzer driven by its own OpenAPI document', () => {
  let t: TrainingTestApp;
  let baseUrl: string;
  let identities: FuzzIdentity[];

  beforeAll(async () => {
    t = await startTrainingApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    identities = [
      { label: 'anonymous' },
      { label: 'training provider', bearer: t.provider.apiKey },
      { label: 'programme operator', bearer: t.operator.apiKey },
      { label: 'job centre', bearer: t.jobCentre.apiKey },
    ];
  });
  afterAll(async () => t.close());

  it(
    'when every operation is fuzzed as each kind of caller, then no answer is a 5xx or undocumented',
    { timeout: 600_000 },
    async () => {
      const results = await fuzzOpenApi({ baseUrl, identities });
      const { failed, report } = fuzzFailures(results);
      expect(failed, report).toEqual([]);
      expect(results).toHaveLength(identities.length);
    },
  );
});
