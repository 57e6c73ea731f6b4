import type { Queryable, Statement } from '@ladder/db';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/**
 * Takes a transaction-scoped lock on (organisation, key) and reads the key's stored response, in
 * one round trip. `locked: false` means the same key is being handled right now by another
 * request: the caller answers 409 rather than waiting.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  organisationId: string,
  key: string,
): Promise<{ locked: boolean; stored?: StoredResponse }> {
  const { rows } = await tx.query<{
    locked: boolean;
    request_hash: string | null;
    response_status: number | null;
    response_body: unknown;
  }>({
    // Prepared once per connection: every submission runs it.
    name: 'claim-idempotency-key',
    text: `select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked, k.request_hash, k.response_status, k.response_body
     from (select 1) one
     left join idempotency_keys k on k.organisation_id = $2 and k.idempotency_key = $3 and k.expires_at > now()`,
    values: [`idempotency:${organisationId}:${key}`, organisationId, key],
  });
  const row = rows[0];
  if (!row?.locked) return { locked: false };
  return row.request_hash === null
    ? { locked: true }
    : {
        locked: true,
        stored: {
          requestHash: row.request_hash,
          status: row.response_status!,
          body: row.response_body,
        },
      };
}

/** Keeps a key's response for `keepDays`: run it in the transaction whose result it answers. */
export function storeResponseStatement(
  organisationId: string,
  key: string,
  response: StoredResponse,
  keepDays: number,
): Statement {
  return {
    text: `insert into idempotency_keys (organisation_id, idempotency_key, request_hash, response_status, response_body, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
     on conflict (organisation_id, idempotency_key) do update
       set request_hash = excluded.request_hash, response_status = excluded.response_status,
           response_body = excluded.response_body, created_at = now(), expires_at = excluded.expires_at`,
    values: [
      organisationId,
      key,
      response.requestHash,
      response.status,
      JSON.stringify(response.body),
      keepDays,
    ],
  };
}

/** Deletes expired keys in bounded batches; returns how many went. */
export async function pruneIdempotencyKeys(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `delete from idempotency_keys where ctid in (select ctid from idempotency_keys where expires_at <= now() limit 5000)`,
  );
  return rowCount ?? 0;
}
