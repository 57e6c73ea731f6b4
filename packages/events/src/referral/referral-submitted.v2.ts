import { z } from 'zod';
import { eligibilityReasonSchema, journeyDeadlinesSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { referralSubmittedV1 } from './referral-submitted.v1.js';

/** v2: the eligibility reason codes are the vocabulary's closed set, no longer any text. */
export const referralSubmittedV2 = defineEvent({
  type: 'ReferralSubmitted',
  version: 2,
  topic: topics.referrals,
  description: referralSubmittedV1.description,
  data: referralSubmittedV1.data.extend({
    eligibility: z.object({
      decision: z.enum(['eligible', 'not-eligible']),
      /** The programme rules the referral failed. */
      reasonCodes: z.array(eligibilityReasonSchema),
    }),
    deadlines: journeyDeadlinesSchema,
  }),
});
