import type { Consent } from '../domain/consent.js';
import type { Queryable } from '@ladder/db';
import type { ParticipantVault } from '../crypto/participant-vault.js';
import { listMilestones, type Milestone, type ReferralRow } from '../db/referrals.repository.js';
import type { ReferralRequest } from '../domain/referral-request.js';

/** The personal part of a referral, stored encrypted under the participant's key. */
export type PersonalData = Pick<
  ReferralRequest,
  'person' | 'priorityGroups' | 'reasonableAdjustments' | 'workCoach' | 'notes'
>;

export const personalDataContext = (referralId: string): string => `referral:${referralId}`;

/** What `POST` answers: ids, codes and links only, so it can be stored for idempotent replay. */
export function referralSummary(
  row: Pick<
    ReferralRow,
    | 'id'
    | 'participant_id'
    | 'programme_id'
    | 'programme_version'
    | 'status'
    | 'eligibility'
    | 'created_at'
  >,
) {
  return {
    id: row.id,
    participantId: row.participant_id,
    programmeId: row.programme_id,
    programmeVersion: row.programme_version,
    status: row.status,
    eligibility: row.eligibility,
    createdAt: row.created_at.toISOString(),
    links: { self: `/v1/referrals/${row.id}` },
  };
}

export interface ReferralDetail extends ReturnType<typeof referralSummary> {
  stage: string | null;
  outcome: string | null;
  active: boolean;
  withdrawalReason: string | null;
  updatedAt: string;
  consent: Consent;
  milestones: Milestone[];
  /** Null once the participant has been erased (crypto-shredded). */
  personalData: PersonalData | null;
}

/** The closed loop: status, milestones and (for the referrer) what was submitted. */
export async function referralDetail(
  db: Queryable,
  vault: ParticipantVault,
  row: ReferralRow,
): Promise<ReferralDetail> {
  const key = await vault.existingKey(db, row.participant_id);
  return {
    ...referralSummary(row),
    stage: row.stage,
    outcome: row.outcome,
    active: row.active,
    withdrawalReason: row.withdrawal_reason,
    updatedAt: row.updated_at.toISOString(),
    consent: row.consent,
    milestones: await listMilestones(db, row.id),
    personalData: key
      ? vault.decrypt<PersonalData>(key, row.personal_data, personalDataContext(row.id))
      : null,
  };
}
