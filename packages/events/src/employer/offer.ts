import { z } from 'zod';

/**
 * What every offer event names: whose offer, for which vacancy of which employer, in which
 * programme. The offer id is the reference of everything that follows it (the six checks, the
 * start in post and the sustainment confirmations). Ids only; subject = the participant id.
 */
export const offerData = z.object({
  offerId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
});
