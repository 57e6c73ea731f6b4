export {
  claimIdempotencyKey,
  idempotencyLockKey,
  pruneIdempotencyKeys,
  storeResponseStatement,
  storeResponsesFrom,
  storedResponseColumns,
  storedResponseRows,
  type ResponseToStore,
  type StoredResponse,
} from './repository.js';
export { requestHash } from './request-hash.js';
export {
  idempotencyHeaders,
  idempotencyProblems,
  replayStatus,
  replayedHeader,
} from './answers.js';
export {
  runIdempotent,
  type IdempotentAnswer,
  type IdempotentRequest,
  type IdempotentResult,
} from './run-idempotent.js';
export { idempotencyMigrationsDir, migrateIdempotency } from './migrate-idempotency.js';
export { answerOnce, createOnce, type CreatedReply } from './create-once.js';
