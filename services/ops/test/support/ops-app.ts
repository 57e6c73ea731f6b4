import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import type { OrganisationKind } from '@ladder/vocabulary';
import { buildApp } from '../../src/app.js';
import type { ProjectionStack } from './projection-stack.js';

export interface Caller {
  organisationId: string;
  apiKey: string;
}

export interface OpsTestApp {
  app: HttpApp;
  store: CredentialStore;
  identity: TestDatabase;
  identityPool: Pool;
  organisation(name: string, kind: OrganisationKind, grants: string[]): Promise<Caller>;
  close(): Promise<void>;
}

/** The ops API over a projection stack's read model, with an identity database of its own. */
export async function startOpsApp(t: ProjectionStack, now = () => new Date()): Promise<OpsTestApp> {
  const identity = await createTestDatabase('identity');
  await migrateIdentity(identity.url);
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const app = await buildApp({ pool: t.pool, logger: t.options.logger, now, store });
  return {
    app,
    store,
    identity,
    identityPool,
    async organisation(name, kind, grants) {
      const org = await store.createOrganisation({ name, kind });
      const { apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: grants,
        label: 'test',
      });
      return { organisationId: org.id, apiKey };
    },
    async close() {
      await app.close();
      await identityPool.end();
      await identity.drop();
    },
  };
}

export const reportScopes = [scopes.reportsRead];
export const bearer = (c: Caller) => ({ authorization: `Bearer ${c.apiKey}` });
