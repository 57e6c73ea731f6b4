import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzFailures, fuzzOpenApi, type FuzzIdentity } from '@ladder/testing';
import { startProjectionStack, type ProjectionStack } from './support/projection-stack.js';
import { reportScopes, startOpsApp, type OpsTestApp } from './support/ops-app.js';

describe('the ops API against a fuzzer driven by its own OpenAPI document', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let baseUrl: string;
  let identities: FuzzIdentity[];

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t);
    const operator = await ops.organisation('BLMK ICB', 'programme-operator', reportScopes);
    const jobCentre = await ops.organisation('Luton Jobcentre Plus', 'job-centre', reportScopes);
    const employer = await ops.organisation('A trust', 'employer', []);
    baseUrl = await ops.app.listen({ host: '127.0.0.1', port: 0 });
    identities = [
      { label: 'anonymous' },
      { label: 'programme operator', bearer: operator.apiKey },
      { label: 'job centre', bearer: jobCentre.apiKey },
      { label: 'employer without scopes', bearer: employer.apiKey },
    ];
  });
  afterAll(async () => {
    await ops.close();
    await t.close();
  });

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
