import { earlyEndReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementEndedEarlyV1 = defineEvent({
  type: 'PlacementEndedEarly',
  version: 1,
  topic: topics.employers,
  description: 'The placement ended before its end date, with a reason.',
  data: placementData.extend({ reasonCode: earlyEndReasonSchema }),
});
