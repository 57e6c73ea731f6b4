export {
  claimIdempotencyKey,
  claimIdempotencyKeys,
  idempotencyLockKey,
  pruneIdempotencyKeys,
  storeResponseStatement,
  storeResponsesFrom,
  storedResponseColumns,
  storedResponseRows,
  type ClaimedKey,
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
  priorAnswer,
  runIdempotent,
  type IdempotentAnswer,
  type IdempotentRequest,
  type IdempotentResult,
} from './run-idempotent.js';
export { idempotencyMigrationsDir, migrateIdempotency } from './migrate-idempotency.js';
export { answerOnce, answered, createOnce, type CreatedReply } from './create-once.js';
