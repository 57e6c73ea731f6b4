import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../src/index.js';

describe('the PostgreSQL of the test stack', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('proof');
    pool = new pg.Pool({ connectionString: db.url });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('when a row is written, then it reads back unchanged from a new connection', async () => {
    await pool.query(
      'create table note (id uuid primary key, body text not null, at timestamptz not null)',
    );
    const id = '6f1c2c1e-7b0a-4a49-9d43-0c9a3b7f2a11';
    const at = new Date('2026-11-24T10:00:00Z');
    await pool.query('insert into note (id, body, at) values ($1, $2, $3)', [id, 'round trip', at]);

    const reader = new pg.Client({ connectionString: db.url });
    await reader.connect();
    const { rows } = await reader.query('select id, body, at from note');
    await reader.end();
    expect(rows).toEqual([{ id, body: 'round trip', at }]);
  });

  it('when another test file makes its database, then it does not see this one', async () => {
    const other = await createTestDatabase('proof');
    const client = new pg.Client({ connectionString: other.url });
    await client.connect();
    const { rows } = await client.query<{ found: string | null }>(
      "select to_regclass('public.note') as found",
    );
    await client.end();
    await other.drop();
    expect(other.name).not.toBe(db.name);
    expect(rows[0]?.found).toBeNull();
  });
});
