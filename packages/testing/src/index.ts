import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributesForOperatorService, type StackEndpoints } from '@ladder/infra';

export type { StackEndpoints } from '@ladder/infra';
export { waitForLockWait } from './lock-waits.js';
export {
  fuzzFailures,
  fuzzOpenApi,
  type FuzzIdentity,
  type FuzzOptions,
  type FuzzResult,
} from './openapi-fuzz.js';
export {
  describeOpenApiFuzz,
  expectDocumented,
  expectIdempotencyKeyRequired,
  openApiPaths,
  type FuzzTarget,
  type OpenApiOperation,
  type OpenApiPaths,
} from './openapi-suites.js';

/** The real servers the global set-up started (or was pointed at) for this run. */
export function testStack(): StackEndpoints {
  return inject('ladderStack');
}

/** A short random suffix, so names made by parallel test files never meet. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/** A port nothing listens on now, for a process a test starts (an API, its metrics). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export const uniqueTopic = (base: string): string => `${base}.${uniqueSuffix()}`;
export const uniqueTaskQueue = (base: string): string => `${base}-${uniqueSuffix()}`;

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, closing any connections still open to it. */
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database on the test cluster: call it once per test file (in `beforeAll`). */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = testStack().postgres.url;
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${uniqueSuffix()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A Temporal environment on a time-skipping test server of this file's own (skipped time is
 * global to a server), for journeys that span weeks. Call `teardown()` when done.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('ladderTimeSkippingServer') } },
  });
  // The same search attributes the dev server registers at start.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: searchAttributesForOperatorService(),
  });
  return env;
}

/** A client environment on the shared dev server: real persistence, real timers. */
export function connectToDevServer(): Promise<TestWorkflowEnvironment> {
  const { address, namespace } = testStack().temporal;
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
}
