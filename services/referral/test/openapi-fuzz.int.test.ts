import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, allScopes } from '@ladder/auth';
import { createPool } from '@ladder/db';
import { fuzzFailures, fuzzOpenApi, type FuzzIdentity } from '@ladder/testing';
import { startReferralApp, type ReferralTestApp } from './support/referral-app.js';

describe('the referral API against a fuzzer driven by its own OpenAPI document', () => {
  let t: ReferralTestApp;
  let baseUrl: string;
  const identities: FuzzIdentity[] = [{ label: 'anonymous' }];

  beforeAll(async () => {
    t = await startReferralApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    identities.push(
      { label: 'job centre', bearer: t.jobCentre.apiKey },
      { label: 'programme operator', bearer: t.operator.apiKey },
      { label: 'job centre with one scope', bearer: t.readOnly.apiKey },
    );
    // Kinds of organisation that have no business here: every route must refuse them cleanly.
    const identityPool = createPool(t.identityDb.url, { max: 2 });
    const store = new CredentialStore(identityPool);
    for (const kind of ['training-provider', 'employer'] as const) {
      const org = await store.createOrganisation({ name: `Fuzz ${kind}`, kind });
      const { apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: [...allScopes],
        label: 'fuzz',
      });
      identities.push({ label: kind, bearer: apiKey });
    }
    await identityPool.end();
  });
  afterAll(async () => t.close());

  // Six identities, each a full schemathesis run: minutes on a loaded 2-core machine.
  it(
    'when every operation is fuzzed as each kind of caller, then no answer is a 5xx or undocumented',
    { timeout: 600_000 },
    async () => {
      const results = await fuzzOpenApi({ baseUrl, identities });
      const { failed, report } = fuzzFailures(results);
      expect(failed, report).toEqual([]);
      expect(results.map((r) => r.label)).toEqual(identities.map((i) => i.label));
    },
  );
});
