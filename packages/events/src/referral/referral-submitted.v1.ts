import { z } from 'zod';
import { journeyDeadlinesSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const referralSubmittedV1 = defineEvent({
  type: 'ReferralSubmitted',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when a Job Centre referral is accepted and stored. Starts the participant's journey. Carries no personal data: the person's details stay, encrypted, in the referral service.",
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    programmeVersion: z.number().int().positive(),
    referrerOrganisationId: z.string().min(1),
    eligibility: z.object({
      decision: z.enum(['eligible', 'not-eligible']),
      /** Codes of the programme rules the referral failed, e.g. `age-out-of-range`. */
      reasonCodes: z.array(z.string()),
    }),
    /**
     * The programme's deadlines as they stood when the referral was accepted: a journey keeps the
     * rules it started with, and a later change to the programme applies to new referrals only.
     */
    deadlines: journeyDeadlinesSchema,
    submittedAt: z.iso.datetime({ offset: true }),
  }),
});
