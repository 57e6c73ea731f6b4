import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyIds } from './journey-ids.js';

export const journeyStageChangedV1 = defineEvent({
  type: 'JourneyStageChanged',
  version: 1,
  topic: topics.journeys,
  description:
    "Published by the journey worker when a participant's journey moves to another stage.",
  data: z.object({
    ...journeyIds,
    stage: z
      .string()
      .min(1)
      .describe(
        'referral, engagement, training, employability, placement, offer, pre-employment-checks, in-work, closed',
      ),
    previousStage: z.string().min(1).nullable(),
  }),
});
