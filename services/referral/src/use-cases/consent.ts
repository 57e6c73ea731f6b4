import { appendToOutbox, withTransaction, type Queryable } from '@ladder/db';
import {
  consentExpiredV1,
  consentRenewedV1,
  consentWithdrawnV1,
  createEnvelope,
  topics,
} from '@ladder/events';
import type { ConsentPurpose, ConsentRecipient } from '@ladder/vocabulary';
import {
  addConsentWithdrawal,
  claimExpiredConsents,
  renewConsentExpiry,
} from '../db/consent.repository.js';
import { getReferral, type ReferralRow } from '../db/referrals.repository.js';
import { withdrawalChangesConsent } from '../domain/consent.js';
import { serviceName, type ReferralDeps } from './deps.js';
import { recordMilestone } from './record-milestone.js';
import { personalDataContext, type PersonalData } from './referral-view.js';
import { reportingProfileShared } from './reporting-profile.js';

/** Who may change a referral's consent: its referrer, or the operator of its programme. */
async function referralFor(
  tx: Queryable,
  referralId: string,
  organisationId: string,
): Promise<ReferralRow | undefined> {
  const referral = await getReferral(tx, referralId, true);
  if (!referral) return undefined;
  if (referral.referrer_organisation_id === organisationId) return referral;
  const { rows } = await tx.query(
    'select 1 from programmes where id = $1 and operator_organisation_id = $2',
    [referral.programme_id, organisationId],
  );
  return rows.length > 0 ? referral : undefined;
}

export type ConsentChangeResult =
  { kind: 'changed' | 'unchanged'; referral: ReferralRow } | { kind: 'not-found' };

const context = (referral: ReferralRow, correlationId: string) => ({
  source: serviceName,
  subject: referral.participant_id,
  correlationId,
});

/**
 * Records that the participant withdrew consent for some purposes or recipients (all, when both
 * lists are empty), tells the referrer (a milestone) and every other service (ConsentWithdrawn).
 * Withdrawing what is already withdrawn, or was never given, changes nothing.
 */
export async function withdrawConsent(
  deps: ReferralDeps,
  ctx: {
    organisationId: string;
    referralId: string;
    purposes: ConsentPurpose[];
    recipients: ConsentRecipient[];
    correlationId: string;
  },
): Promise<ConsentChangeResult> {
  return withTransaction(deps.pool, async (tx) => {
    const referral = await referralFor(tx, ctx.referralId, ctx.organisationId);
    if (!referral) return { kind: 'not-found' } as const;
    if (!withdrawalChangesConsent(referral.consent, ctx))
      return { kind: 'unchanged', referral } as const;
    const withdrawnAt = deps.now().toISOString();
    const withdrawal = {
      purposes: ctx.purposes,
      recipients: ctx.recipients,
      withdrawnAt,
      by: ctx.organisationId,
    };
    await addConsentWithdrawal(tx, referral.id, withdrawal);
    await recordMilestone(
      tx,
      referral,
      {
        code: 'consent-withdrawn',
        occurredAt: withdrawnAt,
        detail: { purposes: ctx.purposes, recipients: ctx.recipients },
      },
      referral.status,
    );
    await appendToOutbox(tx, [
      {
        topic: topics.referrals.name,
        envelope: createEnvelope(
          consentWithdrawnV1,
          {
            referralId: referral.id,
            participantId: referral.participant_id,
            programmeId: referral.programme_id,
            purposes: ctx.purposes,
            recipients: ctx.recipients,
            withdrawnAt,
            recordedBy: ctx.organisationId,
          },
          context(referral, ctx.correlationId),
        ),
      },
    ]);
    const updated = await getReferral(tx, referral.id);
    return { kind: 'changed', referral: updated! } as const;
  });
}

/** Renews the participant's consent to a new expiry (which must be later than now). */
export async function renewConsent(
  deps: ReferralDeps,
  ctx: { organisationId: string; referralId: string; expiresAt: string; correlationId: string },
): Promise<ConsentChangeResult> {
  return withTransaction(deps.pool, async (tx) => {
    const referral = await referralFor(tx, ctx.referralId, ctx.organisationId);
    if (!referral) return { kind: 'not-found' } as const;
    if (referral.consent.expiresAt === ctx.expiresAt)
      return { kind: 'unchanged', referral } as const;
    const renewedAt = deps.now().toISOString();
    await renewConsentExpiry(tx, referral.id, {
      expiresAt: ctx.expiresAt,
      renewedAt,
      by: ctx.organisationId,
    });
    await recordMilestone(
      tx,
      referral,
      { code: 'consent-renewed', occurredAt: renewedAt, detail: { expiresAt: ctx.expiresAt } },
      referral.status,
    );
    const updated = (await getReferral(tx, referral.id))!;
    const profileShared = await shareProfileAgain(deps, tx, updated, ctx.correlationId);
    await appendToOutbox(tx, [
      {
        topic: topics.referrals.name,
        envelope: createEnvelope(
          consentRenewedV1,
          {
            referralId: referral.id,
            participantId: referral.participant_id,
            programmeId: referral.programme_id,
            expiresAt: ctx.expiresAt,
            renewedAt,
            recordedBy: ctx.organisationId,
          },
          context(referral, ctx.correlationId),
        ),
      },
      ...(profileShared ? [profileShared] : []),
    ]);
    return { kind: 'changed', referral: updated } as const;
  });
}

/**
 * A renewed consent that covers outcome reporting shares the reporting profile again: the ops
 * service dropped it when the consent expired. Nothing is shared for an erased participant, whose
 * data can no longer be read, nor when the consent does not cover it (`reportingProfileShared`).
 */
async function shareProfileAgain(
  deps: ReferralDeps,
  tx: Queryable,
  referral: ReferralRow,
  correlationId: string,
) {
  const key = await deps.vault.existingKey(tx, referral.participant_id);
  if (!key) return undefined;
  let personal: PersonalData;
  try {
    personal = deps.vault.decrypt<PersonalData>(
      key,
      referral.personal_data,
      personalDataContext(referral.id),
    );
  } catch {
    // Sealed under a key since erased: the participant was erased and then referred again, and
    // their new key does not open this older referral's data. There is nothing left to share.
    return undefined;
  }
  return reportingProfileShared(
    deps.reportingKeys,
    {
      referralId: referral.id,
      participantId: referral.participant_id,
      programmeId: referral.programme_id,
      consent: referral.consent,
      postcode: personal.person.postcode,
      priorityGroups: personal.priorityGroups,
    },
    deps.now(),
    { source: serviceName, correlationId },
  );
}

/**
 * Announces consents that have expired on active referrals (ConsentExpired and a milestone for
 * the referrer), each once; returns how many. Run periodically.
 */
export async function announceExpiredConsents(deps: ReferralDeps, limit = 100): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    const expired = await claimExpiredConsents(tx, deps.now(), limit);
    for (const referral of expired) {
      const expiredAt = referral.consent.expiresAt;
      await recordMilestone(
        tx,
        referral,
        { code: 'consent-expired', occurredAt: expiredAt, detail: {} },
        referral.status,
      );
    }
    if (expired.length > 0) {
      await appendToOutbox(
        tx,
        expired.map((referral) => ({
          topic: topics.referrals.name,
          envelope: createEnvelope(
            consentExpiredV1,
            {
              referralId: referral.id,
              participantId: referral.participant_id,
              programmeId: referral.programme_id,
              expiredAt: referral.consent.expiresAt,
            },
            context(referral, referral.id),
          ),
        })),
      );
    }
    return expired.length;
  });
}
