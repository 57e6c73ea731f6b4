import { stageSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyStageChangedV1 } from './journey-stage-changed.v1.js';

/** v2: stages are the vocabulary's closed set. */
export const journeyStageChangedV2 = defineEvent({
  type: 'JourneyStageChanged',
  version: 2,
  topic: topics.journeys,
  description: journeyStageChangedV1.description,
  data: journeyStageChangedV1.data.extend({
    stage: stageSchema,
    previousStage: stageSchema.nullable(),
  }),
});
