import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const referralWithdrawnV1 = defineEvent({
  type: 'ReferralWithdrawn',
  version: 1,
  topic: topics.referrals,
  description:
    'Published by the referral service when the referrer withdraws a referral, with a reason code.',
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    reasonCode: z.string().min(1),
    withdrawnAt: z.iso.datetime({ offset: true }),
  }),
});
