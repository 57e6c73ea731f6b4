import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, withTransaction, type Pool } from '@ladder/db';
import { ProblemError, problem } from '@ladder/http';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import {
  claimIdempotencyKey,
  claimIdempotencyKeys,
  migrateIdempotency,
  pruneIdempotencyKeys,
  runIdempotent,
} from '../src/index.js';

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('idempotency');
  await migrateIdempotency(db.url);
  await migrateIdempotency(db.url); // a second start finds nothing to do
  pool = createPool(db.url, { max: 4 });
  await pool.query('create table things (id serial primary key, name text not null)');
});

afterAll(async () => {
  await pool.end();
  await db.drop();
});

const create = (key: string, name: string) =>
  runIdempotent(
    pool,
    { organisationId: 'org-a', key, request: { name }, keepDays: 7 },
    async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        'insert into things (name) values ($1) returning id',
        [name],
      );
      return { status: 201, body: { id: rows[0]!.id } };
    },
  );

const count = async (name: string) =>
  Number(
    (await pool.query<{ n: string }>('select count(*) as n from things where name = $1', [name]))
      .rows[0]?.n,
  );

describe('runIdempotent', () => {
  it('when the same request comes twice under one key, then it is handled once and the first answer replayed as 200', async () => {
    const first = await create('key-replay-1', 'replayed');
    const second = await create('key-replay-1', 'replayed');
    expect(first).toMatchObject({ status: 201, replayed: false });
    expect(second).toEqual({ status: 200, body: first.body, replayed: true });
    expect(await count('replayed')).toBe(1);
  });

  it('when a key comes again with a different request, then it is refused with 422 idempotency-key-reused', async () => {
    await create('key-reused-1', 'first');
    const error = await create('key-reused-1', 'second').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({
      status: 422,
      code: 'idempotency-key-reused',
    });
    expect(await count('second')).toBe(0);
  });

  it('when another request holds the key, then this one is refused with 409 idempotency-key-in-flight', async () => {
    await withTransaction(pool, async (tx) => {
      expect((await claimIdempotencyKey(tx, 'org-a', 'key-held-1')).locked).toBe(true);
      const error = await create('key-held-1', 'held').catch((e: unknown) => e);
      expect((error as ProblemError).problem).toMatchObject({
        status: 409,
        code: 'idempotency-key-in-flight',
      });
    });
    expect(await count('held')).toBe(0);
  });

  it('when the handler throws a problem, then nothing is written and the key can be used again', async () => {
    const refused = await runIdempotent(
      pool,
      { organisationId: 'org-a', key: 'key-refused-1', request: { name: 'refused' }, keepDays: 7 },
      async (tx) => {
        await tx.query("insert into things (name) values ('refused')");
        throw problem.unprocessable('no');
      },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    expect(await count('refused')).toBe(0);
    expect((await create('key-refused-1', 'refused')).status).toBe(201);
  });

  it('when the same key is used by another organisation, then each has its own answer', async () => {
    await create('key-shared-1', 'shared');
    const other = await runIdempotent(
      pool,
      { organisationId: 'org-b', key: 'key-shared-1', request: { name: 'other' }, keepDays: 7 },
      () => Promise.resolve({ status: 201, body: { id: -1 } }),
    );
    expect(other).toEqual({ status: 201, body: { id: -1 }, replayed: false });
  });

  it('when a key has expired, then pruning deletes it and the key handles a new request', async () => {
    await create('key-expired-1', 'expired-a');
    await pool.query(
      "update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = 'key-expired-1'",
    );
    expect(await pruneIdempotencyKeys(pool)).toBeGreaterThanOrEqual(1);
    expect((await create('key-expired-1', 'expired-b')).status).toBe(201);
  });

  it('when many keys are claimed at once, then each is locked or not and carries its stored answer, in its place', async () => {
    await create('key-many-stored', 'many');
    const held = await pool.connect();
    try {
      await held.query('begin');
      await claimIdempotencyKey(held, 'org-a', 'key-many-held');
      const claims = await withTransaction(pool, (tx) =>
        claimIdempotencyKeys(tx, [
          { organisationId: 'org-a', key: 'key-many-new' },
          { organisationId: 'org-a', key: 'key-many-held' },
          { organisationId: 'org-a', key: 'key-many-stored' },
          { organisationId: 'org-b', key: 'key-many-stored' },
        ]),
      );
      expect(claims).toEqual([
        { locked: true },
        { locked: false },
        {
          locked: true,
          stored: {
            requestHash: expect.any(String),
            status: 201,
            body: { id: expect.any(Number) },
          },
        },
        { locked: true },
      ]);
    } finally {
      await held.query('rollback');
      held.release();
    }
  });
});
