import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { placementData } from './placement.js';

export const placementStartedV1 = defineEvent({
  type: 'PlacementStarted',
  version: 1,
  topic: topics.employers,
  description: 'The participant started the confirmed placement.',
  data: placementData,
});
