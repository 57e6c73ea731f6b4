/**
 * The one owner of the backbone's tables (their migrations are in this package):
 * `ladder_outbox` (appending, the insert a grouped statement embeds, the relay's reads and marks,
 * pruning, the backlog) and `ladder_processed_events` (recording handled events, pruning). Every
 * statement on them is here, so a change to either table is made in one file; the relay
 * (@ladder/kafka) and the consumer runner decide when to run them, services only append.
 */
import type { EventEnvelope } from '@ladder/events';
import type { Pool, PoolClient, Queryable } from './pool.js';
import { rowColumns, type RowColumns } from './columns.js';
import type { Statement } from './statement.js';

// ---- ladder_outbox: writing -------------------------------------------------------------------

export interface OutboxMessage {
  topic: string;
  envelope: EventEnvelope;
}

/** Kafka headers carried from the outbox row, so traces and correlation ids cross the bus. */
export function headersFor(envelope: EventEnvelope): Record<string, string> {
  return {
    'event-id': envelope.id,
    'event-type': envelope.type,
    'event-version': String(envelope.version),
    'correlation-id': envelope.correlationId,
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
  };
}

/**
 * The outbox's columns, as every statement that appends passes them: the event id (the dedupe
 * key), the topic, the Kafka key (the event's subject), and the headers and envelope as json.
 */
export const outboxColumns: RowColumns<OutboxMessage> = rowColumns<OutboxMessage>([
  { name: 'event_id', type: 'uuid', value: (m) => m.envelope.id },
  { name: 'topic', type: 'text', value: (m) => m.topic },
  { name: 'message_key', type: 'text', value: (m) => m.envelope.subject },
  { name: 'headers', type: 'json', encoding: 'json', value: (m) => headersFor(m.envelope) },
  { name: 'payload', type: 'json', encoding: 'json', value: (m) => m.envelope },
]);

/**
 * The outbox's insert as one part of a larger statement: it inserts the rows of `relation`, which
 * must have {@link outboxColumns}' columns and `n` (their order, from `with ordinality`). For
 * statements that write many things for many requests at once (group commit), the events in the
 * same round trip as the state change they describe. An event id already in the outbox is
 * skipped: a retried request that rebuilds the same event does not publish it twice.
 */
export function outboxInsertFrom(relation: string): string {
  return `insert into ladder_outbox (${outboxColumns.names})
     select ${outboxColumns.select} from ${relation}
     order by n -- ids follow the messages' order
     on conflict (event_id) do nothing`;
}

// No WITH clause of its own: runTogether embeds it in one.
const outboxStatementText = outboxInsertFrom(
  `unnest(${outboxColumns.params(1)}) with ordinality as m(${outboxColumns.names}, n)`,
);

/**
 * The statement that adds events to the outbox (at least one). Run it in the transaction of the
 * state change the events describe, so both commit or neither does. Its text is the same however
 * many events it adds, so it can be prepared.
 */
export function outboxStatement(messages: OutboxMessage[]): Statement {
  if (messages.length === 0) throw new Error('an outbox statement needs at least one message');
  return { text: outboxStatementText, values: outboxColumns.values(messages) };
}

/** Adds events to the outbox, in the caller's transaction (see outboxStatement). */
export async function appendToOutbox(tx: Queryable, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  // Prepared once per connection: every service appends through it.
  await tx.query({ name: 'ladder-outbox-append', ...outboxStatement(messages) });
}

// ---- ladder_outbox: the relay's statements ----------------------------------------------------

/** Advisory-lock namespace for outbox buckets (any constant unique to this use). */
const bucketLockNamespace = 0x1adde5;
/** ladder_outbox.bucket is hashtext(message_key) & 15. */
export const bucketCount = 16;
/** The channel relays LISTEN on: the outbox's insert trigger notifies it. */
export const outboxChannel = 'ladder_outbox';

export interface OutboxRow {
  id: string;
  bucket: number;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

/**
 * Rows to send together, whether more may wait in their buckets, and whether a row was held back
 * because an older transaction still runs (no NOTIFY comes when that one ends: ask again soon).
 */
export interface Batch {
  rows: OutboxRow[];
  more: boolean;
  blocked: boolean;
}

export const noBatch: Batch = { rows: [], more: false, blocked: false };

/**
 * Locks the buckets of `buckets` that no other transaction holds, until this one ends, and
 * returns them. Each bucket's rows are then read by an index scan in id order: the planner prefers
 * a bitmap scan when few rows are pending, but a bitmap scan reads every index entry of rows
 * already sent until vacuum removes them (measured: 8 ms a pass under load, against 0.1 ms).
 */
export async function lockBuckets(tx: PoolClient, buckets: number[]): Promise<number[]> {
  // One round trip: the setting (local to the transaction) applies from the next statement on.
  const { rows } = await tx.query<{ held: number[] }>(
    `select set_config('enable_bitmapscan', 'off', true),
       (select coalesce(array_agg(b), '{}') from unnest($1::int[]) as b
        where pg_try_advisory_xact_lock($2, b)) as held`,
    [buckets, bucketLockNamespace],
  );
  return rows[0]?.held ?? [];
}

/**
 * The rows that may go now, in order: each bucket's rows up to its first that is not ready. A
 * transaction that took its id early can write a key's next row after a younger one wrote (and
 * committed) the key's previous row, and that row must not overtake it.
 */
function readyPrefixes<T extends { bucket: number; ready: boolean }>(pending: T[]): T[] {
  const blocked = new Set<number>();
  return pending.filter((row) => {
    if (!row.ready) blocked.add(row.bucket);
    return !blocked.has(row.bucket);
  });
}

/**
 * The oldest pending rows of `buckets` (which `tx` holds), up to `batchSize`, and whether more
 * may wait. Each bucket offers its oldest rows, up to twice its share of a batch, the oldest of
 * all are kept, and only those are read whole. (Offering a whole batch each, a pass over 8
 * buckets read 8 rows for every row it sent.) Only rows of transactions older than every running
 * one are ready: a row that commits late can then never be overtaken by a later row of its key.
 */
export async function readPending(
  tx: PoolClient,
  buckets: number[],
  batchSize: number,
): Promise<Batch> {
  const offer = Math.min(batchSize, Math.ceil((2 * batchSize) / buckets.length));
  const { rows: pending } = await tx.query<OutboxRow & { ready: boolean }>(
    `with next as (
       select o.* from unnest($1::int[]) as mine(b) cross join lateral (
         select id, bucket, tx_id < pg_snapshot_xmin(pg_current_snapshot()) as ready
         from ladder_outbox where bucket = mine.b and published_at is null
         order by id limit $3) o
       order by o.id limit $2)
     select next.id, next.bucket, next.ready, topic, message_key, headers, payload::text as payload
     from next join ladder_outbox using (id) order by next.id`,
    [buckets, batchSize, offer],
  );
  const rows = readyPrefixes(pending);
  const perBucket = new Map<number, number>();
  for (const row of rows) perBucket.set(row.bucket, (perBucket.get(row.bucket) ?? 0) + 1);
  // A full batch, or a bucket that gave all it offered (a busy key), means more may wait.
  const more = rows.length === batchSize || [...perBucket.values()].includes(offer);
  return { rows, more, blocked: rows.length < pending.length };
}

/** Notifies every relay on the table when `tx` commits, as an insert does. */
export async function wakeRelays(tx: Queryable): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [outboxChannel, '']);
}

export async function markSent(tx: Queryable, rows: OutboxRow[]): Promise<void> {
  await tx.query('update ladder_outbox set published_at = now() where id = any($1::bigint[])', [
    rows.map((r) => r.id),
  ]);
}

/**
 * Deletes up to 10,000 rows sent more than `keepMs` ago, oldest first; returns how many. There is
 * no index on published_at (it cost every mark an index entry), so the rows are walked in id
 * order, and only up to the first row written since the cutoff: a prune reads what it may
 * delete, not the day of rows it keeps.
 */
export async function pruneSentOutbox(pool: Pool, keepMs: number): Promise<number> {
  const { rowCount } = await pool.query(
    `with cutoff as (select now() - make_interval(secs => $1) as at),
     boundary as (
       select coalesce(
         (select id from ladder_outbox, cutoff where created_at >= cutoff.at order by id limit 1),
         (select max(id) + 1 from ladder_outbox)) as id)
     delete from ladder_outbox where id in (
       select o.id from ladder_outbox o, cutoff, boundary
       where o.id < boundary.id and o.published_at < cutoff.at
       order by o.id limit 10000)`,
    [keepMs / 1000],
  );
  return rowCount ?? 0;
}

/** Rows waiting and the age of the oldest. */
export async function outboxBacklog(
  pool: Pool,
): Promise<{ rows: number; oldestAgeSeconds: number }> {
  const { rows } = await pool.query<{ rows: string; age: number | null }>(
    `select count(*) as rows, extract(epoch from now() - min(created_at))::float8 as age
     from ladder_outbox where published_at is null`,
  );
  return { rows: Number(rows[0]?.rows ?? 0), oldestAgeSeconds: rows[0]?.age ?? 0 };
}

// ---- ladder_processed_events ------------------------------------------------------------------

/**
 * Records that `group` handled these events, in the handler's transaction, and returns the ids
 * that were new: the others were handled before (a redelivery) and must be skipped. Written in
 * the same transaction as the handler's effects, so both commit or neither does.
 */
export async function recordProcessed(
  tx: Queryable,
  group: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `insert into ladder_processed_events (consumer_group, event_id)
     select $1, unnest($2::uuid[]) on conflict do nothing returning event_id`,
    [group, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}

/**
 * Of `eventIds`, those `group` has not recorded as handled. A read: it takes no transaction id,
 * so a handler that calls another service before it writes does not hold back the snapshot
 * horizon that every outbox relay on the server waits for (see readPending). Record the ids with
 * recordProcessed at the end of the same transaction.
 */
export async function unprocessedOf(
  tx: Queryable,
  group: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `select id as event_id from unnest($2::uuid[]) as id
     where not exists (
       select 1 from ladder_processed_events p where p.consumer_group = $1 and p.event_id = id)`,
    [group, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}

/**
 * Deletes up to 10,000 of `group`'s records handled more than `keepMs` ago, oldest first; returns
 * how many. Keep them at least as long as Kafka keeps the events (the topics' retention): a
 * redelivery can come for as long as the event is on its topic, and only its record stops it.
 */
export async function pruneProcessed(pool: Pool, group: string, keepMs: number): Promise<number> {
  const { rowCount } = await pool.query(
    `delete from ladder_processed_events p using (
       select event_id from ladder_processed_events
       where consumer_group = $1 and processed_at < now() - make_interval(secs => $2)
       order by processed_at limit 10000) old
     where p.consumer_group = $1 and p.event_id = old.event_id`,
    [group, keepMs / 1000],
  );
  return rowCount ?? 0;
}
