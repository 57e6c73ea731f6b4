import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const participantErasedV1 = defineEvent({
  type: 'ParticipantErased',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when a programme operator erases a participant (right to erasure): their data key is deleted, so every copy of their personal data it holds is unreadable. Every service that keeps anything derived from the participant's personal data (the ops read model's area and priority groups) deletes it. Ids, statuses and milestones remain, so figures still add up. A participant referred again later starts with a new key.",
  data: z.object({
    participantId: z.uuid(),
    erasedAt: z.iso.datetime({ offset: true }),
    /** The programme operator that erased them. */
    erasedBy: z.string().min(1),
  }),
});
