import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that runs a query: a pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  onIdleError?: (error: Error) => void;
  /**
   * Each connection sends a query without waiting for the answer to the one before (pg's
   * pipelining): statements issued together on one connection go in one round trip, and
   * PostgreSQL still runs them one after another, in order. For a path that sends several
   * statements at once (see {@link queriesInTurn}); a pool that does not is better without it.
   */
  pipeline?: boolean;
}

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  return poolOf({ connectionString: url }, options);
}

/**
 * A new pool on the same database as `pool`, with the same connection settings and its own
 * options (a small pipelining pool for one hot path, say). The caller ends it.
 */
export function poolLike(pool: pg.Pool, options: PoolOptions = {}): pg.Pool {
  const { max: _max, application_name: _name, pipeline: _pipeline, ...connection } = pool.options;
  return poolOf(connection, options);
}

function poolOf(connection: pg.PoolConfig, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...connection,
    max: options.max ?? 10,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    ...(options.pipeline ? { pipeline: true } : {}),
  });
  // An idle connection that the server closes (a restart, a failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

/** Whether a connection pipelines (PoolOptions.pipeline): pg's PoolClient type does not say. */
const pipelines = (client: object): boolean => (client as { pipeline?: unknown }).pipeline === true;

/**
 * Runs steps on one connection one after another, in order: each a function that, when called,
 * sends all its statements before it first waits (as queriesInTurn does). On a pipelining
 * connection every step is started at once, so all their statements go in one round trip and
 * PostgreSQL runs them in order (each sees what those before it did and locked); otherwise each
 * step starts once the one before has finished.
 */
export async function inTurn<T extends unknown[]>(
  client: pg.ClientBase,
  steps: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (pipelines(client)) return (await Promise.all(steps.map((step) => step()))) as T;
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as T;
}

/** Statements run in turn on one connection (see inTurn), their results in order. */
export function queriesInTurn<R extends pg.QueryResultRow[]>(
  client: pg.ClientBase,
  queries: { [K in keyof R]: pg.QueryConfig },
): Promise<{ [K in keyof R]: pg.QueryResult<R[K]> }> {
  return inTurn<{ [K in keyof R]: pg.QueryResult<R[K]> }>(
    client,
    queries.map((q) => () => client.query(q)) as {
      [K in keyof R]: () => Promise<pg.QueryResult<R[K]>>;
    },
  );
}

/**
 * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. On a
 * pipelining connection `begin` goes with the work's first statements, not in a round trip of
 * its own.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    const begun = client.query('begin');
    if (!pipelines(client)) await begun;
    const [, result] = await Promise.all([begun, work(client)]);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
