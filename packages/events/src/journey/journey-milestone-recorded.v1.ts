import { z } from 'zod';
import {
  applicationOutcomeSchema,
  opaqueIdSchema,
  staffRecordedMilestoneSchema,
} from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyIds } from './journey-ids.js';

/**
 * A milestone the programme operator's staff put on a journey, once the journey applied it: an
 * engagement step, a step of employability support, or a mentor assigned. Codes and opaque ids
 * only; what staff wrote about it stays with them.
 */
export const journeyMilestoneRecordedV1 = defineEvent({
  type: 'JourneyMilestoneRecorded',
  version: 1,
  topic: topics.journeys,
  description:
    "Published by the journey worker when a milestone recorded by the programme operator's staff (engagement, CV, applications, mock interviews, mentoring, volunteering, a mentor assigned) is applied to the journey.",
  data: z.object({
    ...journeyIds,
    code: staffRecordedMilestoneSchema,
    ref: opaqueIdSchema
      .optional()
      .describe('the application or vacancy it is about (application-submitted, -outcome)'),
    applicationOutcome: applicationOutcomeSchema.optional().describe('application-outcome only'),
    mentorId: opaqueIdSchema.optional().describe('mentor-assigned: the mentor, a staff id'),
    recordedBy: opaqueIdSchema
      .optional()
      .describe('the staff member who recorded it; absent when the action did not say'),
  }),
});
