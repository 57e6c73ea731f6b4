import type { Queryable } from '@ladder/db';
import type { ConsentWithdrawal } from '../domain/consent.js';
import type { ReferralRow } from './referrals.repository.js';

/** Adds a withdrawal to a referral's consent (kept in order, never removed). */
export async function addConsentWithdrawal(
  db: Queryable,
  referralId: string,
  withdrawal: ConsentWithdrawal,
): Promise<void> {
  await db.query(
    `update referrals set updated_at = now(), consent = jsonb_set(consent, '{withdrawals}',
       coalesce(consent->'withdrawals', '[]'::jsonb) || jsonb_build_array($2::jsonb))
     where id = $1`,
    [referralId, JSON.stringify(withdrawal)],
  );
}

/** Moves a referral's consent expiry, keeping the renewal in its history. */
export async function renewConsentExpiry(
  db: Queryable,
  referralId: string,
  renewal: { expiresAt: string; renewedAt: string; by: string },
): Promise<void> {
  await db.query(
    `update referrals set updated_at = now(), consent_expiry_announced_at = null,
       consent = jsonb_set(consent, '{expiresAt}', to_jsonb($2::text)) || jsonb_build_object(
         'renewals', coalesce(consent->'renewals', '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
           'renewedAt', $3::text, 'previousExpiresAt', consent->'expiresAt', 'by', $4::text)))
     where id = $1`,
    [referralId, renewal.expiresAt, renewal.renewedAt, renewal.by],
  );
}

/**
 * Claims active referrals whose consent has expired and whose expiry is not yet announced,
 * marking them announced in the caller's transaction (`skip locked`: several processes share the
 * work and none announces one twice).
 */
export async function claimExpiredConsents(
  db: Queryable,
  now: Date,
  limit: number,
): Promise<ReferralRow[]> {
  const { rows } = await db.query<ReferralRow>(
    `with due as (
       select id from referrals
       where active and consent_expiry_announced_at is null and consent->>'expiresAt' <= $1
       order by consent->>'expiresAt' limit $2 for update skip locked)
     update referrals r set consent_expiry_announced_at = now()
     from due where r.id = due.id returning r.*`,
    [now.toISOString(), limit],
  );
  return rows;
}
