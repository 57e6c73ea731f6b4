import { bankHolidayRegionSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { referralSubmittedV2 } from './referral-submitted.v2.js';

/**
 * v3: the programme's bank-holiday calendar travels with its deadlines, so a journey's working
 * days skip the right nation's bank holidays, as they stood when the referral was accepted.
 */
export const referralSubmittedV3 = defineEvent({
  type: 'ReferralSubmitted',
  version: 3,
  topic: topics.referrals,
  description: referralSubmittedV2.description,
  data: referralSubmittedV2.data.extend({ bankHolidayRegion: bankHolidayRegionSchema }),
});
