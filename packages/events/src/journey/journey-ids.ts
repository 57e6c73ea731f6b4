import { z } from 'zod';

/** The ids every journey event carries. */
export const journeyIds = {
  referralId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
};
