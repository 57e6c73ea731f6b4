import { z } from 'zod';

/**
 * What every interview event names: whose interview, for which vacancy of which employer, in which
 * programme. Ids only; the subject (and Kafka key) is the participant id.
 */
export const interviewData = z.object({
  interviewId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
});
