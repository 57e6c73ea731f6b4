import { CredentialStore, migrateIdentity, scopes } from '@ladder/auth';
import { createPool, type Pool } from '@ladder/db';
import type { HttpApp } from '@ladder/http';
import type { Logger } from '@ladder/logger';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, testStack, type TestDatabase } from '@ladder/testing';
import type { OrganisationKind } from '@ladder/vocabulary';
import type { Server } from 'node:http';
import { createParticipantViewClient } from '@ladder/participant-view';
import { buildApp } from '../../src/app.js';
import { employerApi } from '../../src/clients/employer-api.js';
import { trainingApi } from '../../src/clients/training-api.js';
import type { OpsDeps } from '../../src/deps.js';
import { demoStaff } from '../../src/staff/demo-staff.js';
import { RelyingParty } from '../../src/staff/relying-party.js';
import { serveDevProvider } from '../../src/staff/serve-dev-provider.js';
import { connectJourneys } from '../../src/temporal/journey-client.js';
import type { ProjectionStack } from './projection-stack.js';

export interface Caller {
  organisationId: string;
  apiKey: string;
}

export interface OpsTestApp {
  app: HttpApp;
  provider: { issuer: string; server: Server };
  store: CredentialStore;
  identity: TestDatabase;
  identityPool: Pool;
  organisation(
    name: string,
    kind: OrganisationKind,
    grants: string[],
    id?: string,
  ): Promise<Caller>;
  close(): Promise<void>;
}

/** The ops API over a projection stack's read model, with an identity database of its own. */
export async function startOpsApp(
  t: ProjectionStack,
  options: {
    publicUrl?: string;
    now?: () => Date;
    /** The Temporal the journeys run on and the worker's keys; by default the shared dev server. */
    temporal?: { address: string; namespace: string; codecKeys: string };
    /** The referral, training and employer services ops calls; by default none answers. */
    services?: Pick<OpsDeps, 'participantViews' | 'training' | 'employer'>;
    /** Where the app logs; by default the projection stack's logger. */
    logger?: Logger;
  } = {},
): Promise<OpsTestApp> {
  const now = options.now ?? (() => new Date());
  const identity = await createTestDatabase('identity');
  await migrateIdentity(identity.url);
  const identityPool = createPool(identity.url, { max: 4 });
  const store = new CredentialStore(identityPool);
  const publicUrl = options.publicUrl ?? 'https://ops.ladder.test';
  const redirectUri = `${publicUrl}/sign-in/callback`;
  const postLogoutRedirectUri = `${publicUrl}/signed-out`;
  const provider = await serveDevProvider(0, {
    clientId: 'ladder-ops',
    redirectUri,
    postLogoutRedirectUri,
    staff: demoStaff,
  });
  const temporal = await connectJourneys(
    options.temporal ?? {
      ...testStack().temporal,
      codecKeys: `test:${randomBytes(32).toString('base64')}`,
    },
  );
  const app = await buildApp({
    journeys: temporal.journeys,
    ...(options.services ?? servicesAt(nobodyListens, {})),
    pool: t.pool,
    logger: options.logger ?? t.options.logger,
    now,
    store,
    deadLetters: { kafka: t.kafka, topics: t.options.topics },
    staffSignIn: {
      relyingParty: new RelyingParty({
        issuer: provider.issuer,
        clientId: 'ladder-ops',
        redirectUri,
        postLogoutRedirectUri,
        scope: 'openid profile ladder',
        allowHttp: true,
      }),
      publicUrl,
      claims: { organisation: 'ladder_organisation', role: 'ladder_role' },
      sessionLifetimeMs: 3_600_000,
    },
  });
  return {
    app,
    provider,
    store,
    identity,
    identityPool,
    async organisation(name, kind, grants, id) {
      const org = await store.createOrganisation({ name, kind, ...(id ? { id } : {}) });
      const { apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: grants,
        label: 'test',
      });
      return { organisationId: org.id, apiKey };
    },
    async close() {
      await app.close();
      await temporal.close();
      provider.server.closeAllConnections();
      await new Promise((resolve) => provider.server.close(resolve));
      await identityPool.end();
      await identity.drop();
    },
  };
}

export const reportScopes = [scopes.reportsRead];
export const bearer = (c: Caller) => ({ authorization: `Bearer ${c.apiKey}` });

/** An address on this machine where nothing listens (the discard port): every call fails. */
const nobodyListens = 'http://127.0.0.1:9';

/** The clients of the other services, at one base URL, with these operators' keys. */
export function servicesAt(
  baseUrl: string,
  operatorKeys: Record<string, string>,
  viewKey = 'ops-view-key',
): Pick<OpsDeps, 'participantViews' | 'training' | 'employer'> {
  const keys = (operator: string) => operatorKeys[operator];
  return {
    participantViews: createParticipantViewClient({ baseUrl, apiKey: viewKey, timeoutMs: 2_000 }),
    training: trainingApi({ baseUrl, keys, timeoutMs: 2_000 }),
    employer: employerApi({ baseUrl, keys, timeoutMs: 2_000 }),
  };
}
