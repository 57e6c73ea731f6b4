import {
  rowColumns,
  rowInsert,
  type Queryable,
  type RowColumns,
  type RowInsert,
  type Statement,
} from '@ladder/db';

/** The first answer given under a key, kept to be replayed. */
export interface StoredResponse {
  /** The request's fingerprint (see `requestHash`), to tell a retry from a reused key. */
  requestHash: string;
  status: number;
  body: unknown;
}

/** The advisory lock that one request with a key holds while it is handled. */
export const idempotencyLockKey = (organisationId: string, key: string): string =>
  `idempotency:${organisationId}:${key}`;

/**
 * Takes a transaction-scoped lock on (organisation, key), then reads the key's stored response.
 * `locked: false` means the same key is being handled right now by another request: the caller
 * answers 409 rather than waiting.
 *
 * Two statements, not one: a statement reads the data as it was when it began, so a read in the
 * statement that takes the lock could miss the response that the lock's last holder committed
 * just before letting go, and the request would then be handled a second time.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  organisationId: string,
  key: string,
): Promise<{ locked: boolean; stored?: StoredResponse }> {
  const { rows: lock } = await tx.query<{ locked: boolean }>({
    name: 'lock-idempotency-key',
    text: 'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked',
    values: [idempotencyLockKey(organisationId, key)],
  });
  if (!lock[0]?.locked) return { locked: false };
  const { rows } = await tx.query<{
    request_hash: string;
    response_status: number;
    response_body: unknown;
  }>({
    name: 'stored-idempotency-key',
    text: `select request_hash, response_status, response_body from idempotency_keys
     where organisation_id = $1 and idempotency_key = $2 and expires_at > now()`,
    values: [organisationId, key],
  });
  const row = rows[0];
  return row
    ? {
        locked: true,
        stored: {
          requestHash: row.request_hash,
          status: row.response_status,
          body: row.response_body,
        },
      }
    : { locked: true };
}

/** A response to keep under an organisation's key (see storeResponseStatement). */
export interface ResponseToStore {
  organisationId: string;
  key: string;
  response: StoredResponse;
  keepDays: number;
}

/** The `idempotency_keys` row of a response, defined once for every statement that stores one. */
export const storedResponseColumns: RowColumns<ResponseToStore> = rowColumns<ResponseToStore>([
  { name: 'organisation_id', type: 'text', value: (r) => r.organisationId },
  { name: 'idempotency_key', type: 'text', value: (r) => r.key },
  { name: 'request_hash', type: 'text', value: (r) => r.response.requestHash },
  { name: 'response_status', type: 'int', value: (r) => r.response.status },
  { name: 'response_body', type: 'jsonb', encoding: 'json', value: (r) => r.response.body },
  { name: 'keep_days', type: 'int', value: (r) => r.keepDays },
]);

/**
 * The insert of `relation`'s responses (a relation with storedResponseColumns' columns), for a
 * statement of its own or as one part of a larger one. `ifStored` says what a row already under
 * the key means: `replace` for a caller that claimed the key and found no live response (the row
 * is an expired one), `fail` for a grouped write that checked in its own snapshot, where a row is
 * a response another request committed meanwhile and must not be overwritten (the unique index
 * fails the statement instead).
 */
export function storeResponsesFrom(relation: string, ifStored: 'replace' | 'fail'): string {
  return `insert into idempotency_keys (organisation_id, idempotency_key, request_hash,
       response_status, response_body, expires_at)
     select organisation_id, idempotency_key, request_hash, response_status, response_body,
       now() + make_interval(days => keep_days)
     from ${relation}${
       ifStored === 'replace'
         ? `
     on conflict (organisation_id, idempotency_key) do update
       set request_hash = excluded.request_hash, response_status = excluded.response_status,
           response_body = excluded.response_body, created_at = now(), expires_at = excluded.expires_at`
         : ''
     }`;
}

/** The insert of responses for a caller that claimed their keys (see storeResponsesFrom). */
export const storedResponseRows: RowInsert<ResponseToStore> = rowInsert(
  storedResponseColumns,
  (relation) => storeResponsesFrom(relation, 'replace'),
);

/**
 * Keeps a key's response for `keepDays`: run it in the transaction whose result it answers, with
 * the key claimed (an expired response under the same key is replaced).
 */
export function storeResponseStatement(
  organisationId: string,
  key: string,
  response: StoredResponse,
  keepDays: number,
): Statement {
  return storedResponseRows.statement([{ organisationId, key, response, keepDays }]);
}

/** Deletes expired keys in bounded batches; returns how many went. */
export async function pruneIdempotencyKeys(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `delete from idempotency_keys where ctid in (select ctid from idempotency_keys where expires_at <= now() limit 5000)`,
  );
  return rowCount ?? 0;
}
