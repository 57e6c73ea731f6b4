import { placementKindSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementConfirmedV1 = defineEvent({
  type: 'PlacementConfirmed',
  version: 1,
  topic: topics.employers,
  description: 'The employer confirmed the placement: it holds one of the slot places.',
  data: placementData.extend({ placementKind: placementKindSchema }),
});
