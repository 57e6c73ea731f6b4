import { placementKindSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementCompletedV1 = defineEvent({
  type: 'PlacementCompleted',
  version: 1,
  topic: topics.employers,
  description: 'The participant completed the placement.',
  data: placementData.extend({ placementKind: placementKindSchema }),
});
