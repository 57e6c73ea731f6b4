import { deadlineNameSchema, partySchema, stageSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyStalledV1 } from './journey-stalled.v1.js';

/**
 * v2: stage, deadline and party are the vocabulary's closed sets. Its deadline set is the one it
 * was published with: deadlines named since then (the sustainment confirmation) come in v3.
 */
export const journeyStalledV2 = defineEvent({
  type: 'JourneyStalled',
  version: 2,
  topic: topics.journeys,
  description: journeyStalledV1.description,
  data: journeyStalledV1.data.extend({
    stage: stageSchema,
    deadline: deadlineNameSchema.exclude(['sustainment-confirmation', 'work-experience-follow-up']),
    from: partySchema,
  }),
});
