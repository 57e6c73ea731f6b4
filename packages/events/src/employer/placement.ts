import { z } from 'zod';

/**
 * What every placement event names: whose placement, on which slot of which employer, in which
 * programme. Ids only; the subject (and Kafka key) is the participant id.
 */
export const placementData = z.object({
  placementId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  slotId: z.uuid(),
  employerOrganisationId: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
});
