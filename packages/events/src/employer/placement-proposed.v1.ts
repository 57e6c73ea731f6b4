import { placementKindSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementProposedV1 = defineEvent({
  type: 'PlacementProposed',
  version: 1,
  topic: topics.employers,
  description: 'The programme operator proposed the participant for a placement slot.',
  data: placementData.extend({ placementKind: placementKindSchema }),
});
