import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const consentExpiredV1 = defineEvent({
  type: 'ConsentExpired',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when an active referral's consent reaches its expiry: no data is released until it is renewed, and the journey asks for renewal.",
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    expiredAt: z.iso.datetime({ offset: true }),
  }),
});
