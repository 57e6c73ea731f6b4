import { z } from 'zod';

/**
 * What every training event names: whose place, on which intake of which course, with which
 * provider, in which programme. Ids only; the subject (and Kafka key) is the participant id.
 */
export const trainingPlaceData = z.object({
  placeId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  intakeId: z.uuid(),
  courseId: z.uuid(),
  providerOrganisationId: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
});
