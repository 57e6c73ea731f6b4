import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyIds } from './journey-ids.js';

export const journeyStalledV1 = defineEvent({
  type: 'JourneyStalled',
  version: 1,
  topic: topics.journeys,
  description:
    'Published by the journey worker when a deadline passes with nothing done: for ops and the referrer.',
  data: z.object({
    ...journeyIds,
    stage: z.string().min(1),
    deadline: z
      .string()
      .min(1)
      .describe(
        'acknowledge, first-contact, action-plan, training-completion, placement-confirmation, offer-response, pre-employment-checks',
      ),
    dueAt: z.iso.datetime({ offset: true }),
    waitingFor: z.string().min(1),
    from: z.string().min(1),
    escalated: z.boolean().describe('true when a second, escalated deadline was missed too'),
  }),
});
