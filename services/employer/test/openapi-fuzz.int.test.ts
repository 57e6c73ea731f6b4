import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzFailures, fuzzOpenApi, type FuzzIdentity } from '@ladder/testing';
import { startEmployerApp, type EmployerTestApp } from './support/employer-app.js';

describe('the employer API against a fuzzer driven by its own OpenAPI document', () => {
  let t: EmployerTestApp;
  let baseUrl: string;
  let identities: FuzzIdentity[];

  beforeAll(async () => {
    t = await startEmployerApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    identities = [
      { label: 'anonymous' },
      { label: 'employer', bearer: t.employer.apiKey },
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
