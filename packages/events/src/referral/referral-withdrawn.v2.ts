import { withdrawalReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { referralWithdrawnV1 } from './referral-withdrawn.v1.js';

/** v2: the reason is the vocabulary's closed set of withdrawal reasons. */
export const referralWithdrawnV2 = defineEvent({
  type: 'ReferralWithdrawn',
  version: 2,
  topic: topics.referrals,
  description: referralWithdrawnV1.description,
  data: referralWithdrawnV1.data.extend({ reasonCode: withdrawalReasonSchema }),
});
