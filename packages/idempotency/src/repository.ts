import {
  queriesInTurn,
  rowColumns,
  rowInsert,
  type PoolClient,
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

/** What claiming a key found: `locked: false` means another request is handling it right now. */
export interface ClaimedKey {
  locked: boolean;
  stored?: StoredResponse;
}

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
  tx: PoolClient,
  organisationId: string,
  key: string,
): Promise<ClaimedKey> {
  return (await claimIdempotencyKeys(tx, [{ organisationId, key }]))[0]!;
}

/**
 * claimIdempotencyKey for many keys at once (a group of requests in one transaction), in the
 * same two statements whatever their number (one round trip on a pipelining connection); each
 * key's claim in its place. A key given twice is locked by the same transaction both times (a
 * session's advisory locks do not exclude each other): the caller must tell such requests apart.
 */
export async function claimIdempotencyKeys(
  tx: PoolClient,
  keys: readonly { organisationId: string; key: string }[],
): Promise<ClaimedKey[]> {
  const [locks, stored] = await queriesInTurn<
    [
      { locked: boolean },
      { n: string; request_hash: string; response_status: number; response_body: unknown },
    ]
  >(tx, [
    {
      name: 'lock-idempotency-keys',
      text: `select pg_try_advisory_xact_lock(hashtextextended(k, 0)) as locked
             from unnest($1::text[]) with ordinality as t(k, n) order by n`,
      values: [keys.map((k) => idempotencyLockKey(k.organisationId, k.key))],
    },
    {
      // Read for every key (the locks are not known yet when it is sent): only a locked key's
      // response counts.
      name: 'stored-idempotency-keys',
      text: `select t.n, k.request_hash, k.response_status, k.response_body
             from unnest($1::text[], $2::text[]) with ordinality as t(organisation_id, idempotency_key, n)
             join idempotency_keys k on k.organisation_id = t.organisation_id
               and k.idempotency_key = t.idempotency_key and k.expires_at > now()`,
      values: [keys.map((k) => k.organisationId), keys.map((k) => k.key)],
    },
  ]);
  const claims: ClaimedKey[] = locks.rows.map((l) => ({ locked: l.locked }));
  for (const row of stored.rows) {
    const i = Number(row.n) - 1;
    if (claims[i]?.locked)
      claims[i] = {
        locked: true,
        stored: {
          requestHash: row.request_hash,
          status: row.response_status,
          body: row.response_body,
        },
      };
  }
  return claims;
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
