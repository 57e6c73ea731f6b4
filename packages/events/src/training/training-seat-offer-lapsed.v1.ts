import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingSeatOfferLapsedV1 = defineEvent({
  type: 'TrainingSeatOfferLapsed',
  version: 1,
  topic: topics.training,
  description:
    'The participant did not answer a seat offer within its response window: the offer lapsed, ' +
    'their place ended and the seat passed to the next in line.',
  data: trainingPlaceData,
});
