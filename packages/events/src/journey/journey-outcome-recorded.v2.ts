import { outcomeSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyOutcomeRecordedV1 } from './journey-outcome-recorded.v1.js';

/** v2: outcomes are the vocabulary's closed set. */
export const journeyOutcomeRecordedV2 = defineEvent({
  type: 'JourneyOutcomeRecorded',
  version: 2,
  topic: topics.journeys,
  description: journeyOutcomeRecordedV1.description,
  data: journeyOutcomeRecordedV1.data.extend({ outcome: outcomeSchema }),
});
