import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyIds } from './journey-ids.js';

export const journeyOutcomeRecordedV1 = defineEvent({
  type: 'JourneyOutcomeRecorded',
  version: 1,
  topic: topics.journeys,
  description:
    'Published by the journey worker when an outcome is recorded (each outcome once per journey).',
  data: z.object({
    ...journeyIds,
    outcome: z
      .string()
      .min(1)
      .describe(
        'hired, sustained-13-weeks, sustained-26-weeks, work-experience, further-education, volunteering, withdrawn, not-eligible, disengaged',
      ),
    reasonCode: z.string().min(1).optional(),
    final: z.boolean().describe('true when the journey ends with this outcome'),
  }),
});
