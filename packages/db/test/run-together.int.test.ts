import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import {
  createPool,
  runTogether,
  withTransaction,
  type Pool,
  type Statement,
} from '../src/index.js';

const addParent = (id: number, name: string): Statement => ({
  text: 'insert into parents (id, name) values ($1, $2)',
  values: [id, name],
});
const addChildren = (parentId: number, notes: string[]): Statement => ({
  text: 'insert into children (parent_id, note) select $1, unnest($2::text[])',
  values: [parentId, notes],
});

describe('runTogether', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('run_together');
    pool = createPool(db.url, { max: 2 });
    await pool.query('create table parents (id int primary key, name text not null)');
    await pool.query(
      'create table children (parent_id int not null references parents (id), note text not null)',
    );
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it("when statements are run together, then each gets its own parameters and a row may reference a sibling's", async () => {
    // Twelve parameters in all, so $1 of the last statement becomes $11 and $2 becomes $12.
    await runTogether(pool, [
      addParent(1, 'one'),
      addParent(2, 'two'),
      addParent(3, 'three'),
      addParent(4, 'four'),
      addParent(5, 'five'),
      addChildren(5, ['a', 'b']),
    ]);
    const parents = await pool.query<{ id: number; name: string }>(
      'select id, name from parents order by id',
    );
    expect(parents.rows).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
      { id: 3, name: 'three' },
      { id: 4, name: 'four' },
      { id: 5, name: 'five' },
    ]);
    const children = await pool.query('select parent_id, note from children order by note');
    expect(children.rows).toEqual([
      { parent_id: 5, note: 'a' },
      { parent_id: 5, note: 'b' },
    ]);
  });

  it('when one of them fails, then none of them is kept', async () => {
    await expect(
      withTransaction(pool, (tx) =>
        runTogether(tx, [addParent(6, 'six'), addChildren(999, ['orphan'])]),
      ),
    ).rejects.toThrow(/foreign key/);
    const { rows } = await pool.query('select 1 from parents where id = 6');
    expect(rows).toEqual([]);
  });

  it('when asked to prepare, then the connection keeps one prepared statement per shape and reuses it', async () => {
    const client = await pool.connect();
    try {
      for (const id of [10, 11, 12])
        await runTogether(client, [addParent(id, `n${id}`)], { prepare: true });
      const prepared = await client.query<{ name: string }>(
        "select name from pg_prepared_statements where statement like '%insert into parents%'",
      );
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]?.name).toMatch(/^ladder_/);
      const { rows } = await client.query('select id from parents where id >= 10 order by id');
      expect(rows).toEqual([{ id: 10 }, { id: 11 }, { id: 12 }]);
    } finally {
      client.release();
    }
  });
});
