import { CredentialStore, allScopes } from '@ladder/auth';
import { createPool } from '@ladder/db';
import { describeOpenApiFuzz, type FuzzIdentity } from '@ladder/testing';
import { startReferralApp } from './support/referral-app.js';

describeOpenApiFuzz('referral', async () => {
  const t = await startReferralApp();
  const identities: FuzzIdentity[] = [
    { label: 'anonymous' },
    { label: 'job centre', bearer: t.jobCentre.apiKey },
    { label: 'programme operator', bearer: t.operator.apiKey },
    { label: 'job centre with one scope', bearer: t.readOnly.apiKey },
  ];
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
  return {
    baseUrl: await t.app.listen({ host: '127.0.0.1', port: 0 }),
    identities,
    close: () => t.close(),
  };
});
