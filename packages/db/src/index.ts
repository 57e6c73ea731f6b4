export { createPool, withTransaction, type Pool, type PoolClient, type Queryable } from './pool.js';
export { migrate, backboneMigrationsDir, type MigrateOptions } from './migrate.js';
export { appendToOutbox, headersFor, outboxStatement, type OutboxMessage } from './outbox.js';
export { runTogether, type Statement } from './statement.js';
