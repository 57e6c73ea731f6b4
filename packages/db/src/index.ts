export {
  createPool,
  inTurn,
  poolLike,
  queriesInTurn,
  withTransaction,
  type Pool,
  type PoolClient,
  type PoolOptions,
  type Queryable,
} from './pool.js';
export { migrate, backboneMigrationsDir, type MigrateOptions } from './migrate.js';
export {
  appendToOutbox,
  bucketCount,
  headersFor,
  lockBuckets,
  markSent,
  noBatch,
  outboxBacklog,
  outboxChannel,
  outboxColumns,
  outboxInsertFrom,
  outboxStatement,
  pruneProcessed,
  pruneSentOutbox,
  readPending,
  recordProcessed,
  unprocessedOf,
  wakeRelays,
  type Batch,
  type OutboxMessage,
  type OutboxRow,
} from './backbone-tables.js';
export { runTogether, type Statement } from './statement.js';
export {
  insertInto,
  rowColumns,
  rowInsert,
  type Column,
  type RowColumns,
  type RowInsert,
} from './columns.js';
export { GroupCommit, type GroupCommitOptions } from './group-commit.js';
