import type { Queryable } from '@ladder/db';

/** The referralWithdrawn signal a journey gets when its withdrawal arrived first. */
export interface EarlyWithdrawal {
  eventId: string;
  reasonCode: string;
  occurredAt: string;
}

/** Keeps the first withdrawal of a referral that has no journey yet (a redelivery changes nothing). */
export async function recordEarlyWithdrawal(
  tx: Queryable,
  referralId: string,
  withdrawal: EarlyWithdrawal,
): Promise<void> {
  await tx.query(
    `insert into bridge_early_withdrawals (referral_id, event_id, reason_code, withdrawn_at)
     values ($1, $2, $3, $4) on conflict (referral_id) do nothing`,
    [referralId, withdrawal.eventId, withdrawal.reasonCode, withdrawal.occurredAt],
  );
}

export async function findEarlyWithdrawal(
  tx: Queryable,
  referralId: string,
): Promise<EarlyWithdrawal | undefined> {
  const { rows } = await tx.query<{ event_id: string; reason_code: string; withdrawn_at: string }>(
    'select event_id, reason_code, withdrawn_at from bridge_early_withdrawals where referral_id = $1',
    [referralId],
  );
  const row = rows[0];
  return row
    ? { eventId: row.event_id, reasonCode: row.reason_code, occurredAt: row.withdrawn_at }
    : undefined;
}
