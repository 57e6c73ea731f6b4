import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const consentRenewedV1 = defineEvent({
  type: 'ConsentRenewed',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when the participant's consent is renewed with a new expiry (after it expired, or before).",
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    expiresAt: z.iso.datetime({ offset: true }),
    renewedAt: z.iso.datetime({ offset: true }),
    recordedBy: z.string().min(1),
  }),
});
