import { z } from 'zod';
import type {
  ConsentPurpose,
  ConsentRecipient,
  PriorityGroup,
  WithdrawalReason,
} from '@ladder/vocabulary';
import type { ApiClient } from './api-client.js';

/** What a work coach sends: `POST /v1/referrals` of the referral service (its README). */
export interface NewReferral {
  programmeId: string;
  person: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    niNumber?: string;
    email?: string;
    postcode: string;
  };
  priorityGroups: PriorityGroup[];
  reasonableAdjustments?: string[];
  workCoach: { name: string; email: string; office?: string };
  consent: {
    purposes: ConsentPurpose[];
    recipients: ConsentRecipient[];
    givenAt: string;
    expiresAt: string;
  };
}

const referralSummary = z.looseObject({
  id: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  status: z.string(),
  eligibility: z.object({
    decision: z.enum(['eligible', 'not-eligible']),
    reasonCodes: z.array(z.string()),
  }),
});
export type ReferralSummary = z.infer<typeof referralSummary>;

/** The closed loop: what the Job Centre sees of a referral it made. */
const referralDetail = referralSummary.extend({
  stage: z.string().nullable(),
  outcome: z.string().nullable(),
  active: z.boolean(),
  withdrawalReason: z.string().nullable(),
  milestones: z.array(
    z.looseObject({
      code: z.string(),
      occurredAt: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ReferralDetail = z.infer<typeof referralDetail>;

/** A Job Centre on the referral service's API: refers people and follows what became of them. */
export class JobCentreApi {
  constructor(readonly client: ApiClient) {}

  refer(referral: NewReferral): Promise<ReferralSummary> {
    return this.client.call('POST', '/v1/referrals', referralSummary, {
      body: referral,
      idempotent: true,
    });
  }

  referral(id: string): Promise<ReferralDetail> {
    return this.client.call('GET', `/v1/referrals/${id}`, referralDetail);
  }

  /** The participant withdrew consent for these purposes (and/or recipients; empty means all). */
  async withdrawConsent(
    id: string,
    withdrawn: { purposes?: ConsentPurpose[]; recipients?: ConsentRecipient[] },
  ): Promise<void> {
    await this.client.call('POST', `/v1/referrals/${id}/consent/withdrawals`, z.unknown(), {
      body: { purposes: withdrawn.purposes ?? [], recipients: withdrawn.recipients ?? [] },
    });
  }

  async withdraw(id: string, reasonCode: WithdrawalReason): Promise<void> {
    await this.client.call('POST', `/v1/referrals/${id}/withdraw`, z.unknown(), {
      body: { reasonCode },
    });
  }
}

/**
 * A programme's rules as `POST /v1/programmes` takes them; what is left out takes the guidance
 * defaults (the referral service's README).
 */
export interface ProgrammeRules {
  name: string;
  ageRange: { min: number; max: number };
  eligibleGroups: PriorityGroup[];
  areas: string[];
  deadlines: Record<string, number>;
  employment?: {
    checkDueDays?: number;
    sustainmentResponseDays?: number;
    sustainmentMarkDays?: { '13': number; '26': number };
  };
}

/** A programme operator publishing its programmes on the referral service. */
export class ProgrammesApi {
  constructor(readonly client: ApiClient) {}

  async publish(id: string, rules: ProgrammeRules): Promise<{ id: string; version: number }> {
    return this.client.call(
      'POST',
      '/v1/programmes',
      z.looseObject({ id: z.string(), version: z.number() }),
      { body: { id, rules } },
    );
  }
}
