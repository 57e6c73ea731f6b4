import {
  recordProcessed,
  unprocessedOf,
  withTransaction,
  type Pool,
  type PoolClient,
} from '@ladder/db';

/**
 * One transaction that handles events once per consumer group: it first reads which of `eventIds`
 * the group has not recorded, hands those to `handle`, and records the ids `handle` says it
 * handled as the transaction's last write.
 *
 * Recording last matters: a handler that calls another service (the bridge calls Temporal) then
 * holds no transaction id during the call. The first write takes one, and while it is held every
 * outbox relay on the server (their readiness is the oldest running transaction id) keeps back the
 * rows written after it; the journey benchmark showed the bridge holding the oldest id in most
 * samples. If another consumer recorded one of the ids meanwhile (a rebalance), the record throws
 * and the transaction rolls back; a retry finds them recorded and skips them.
 */
export async function handleOnce(
  pool: Pool,
  groupId: string,
  eventIds: readonly string[],
  handle: (tx: PoolClient, unrecorded: Set<string>) => Promise<readonly string[]>,
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const unrecorded = await unprocessedOf(tx, groupId, eventIds);
    const handled = await handle(tx, unrecorded);
    if (handled.length === 0) return;
    const recorded = await recordProcessed(tx, groupId, handled);
    if (recorded.size !== handled.length)
      throw new Error('events handled concurrently by another consumer; rolled back');
  });
}
