import { placementDeclineReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementDeclinedV1 = defineEvent({
  type: 'PlacementDeclined',
  version: 1,
  topic: topics.employers,
  description: 'The employer declined the proposed placement, with a reason.',
  data: placementData.extend({ reasonCode: placementDeclineReasonSchema }),
});
