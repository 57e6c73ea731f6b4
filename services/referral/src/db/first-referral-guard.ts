import type { Statement } from '@ladder/db';
import { idempotencyLockKey } from './idempotency.repository.js';
import { personLockKey } from './referrals.repository.js';

/**
 * The guard (runTogether's `onlyIf`) of the one-statement write of the usual submission: a new
 * Idempotency-Key and a person never referred before. It takes the key's lock and the person's
 * (without waiting for either), and passes only if the key has no stored response (even an expired
 * one) and no referral has the person's match key in any programme. Anything else (a retry, a
 * request still in flight for the key or the person, a person seen before) is left to the full
 * submission in a transaction.
 */
export function firstReferralGuard(
  organisationId: string,
  key: string,
  personMatchKey: string,
): Statement {
  return {
    text: `select where pg_try_advisory_xact_lock(hashtextextended($1, 0))
       and pg_try_advisory_xact_lock(hashtextextended($5, 0))
       and not exists (select from idempotency_keys where organisation_id = $2 and idempotency_key = $3)
       and not exists (select from referrals where person_match_key = $4)`,
    values: [
      idempotencyLockKey(organisationId, key),
      organisationId,
      key,
      personMatchKey,
      personLockKey(personMatchKey),
    ],
  };
}
