import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const progressedToFurtherEducationV1 = defineEvent({
  type: 'ProgressedToFurtherEducation',
  version: 1,
  topic: topics.training,
  description:
    'The learner went on to further education or training outside the programme (a counted outcome).',
  data: trainingPlaceData,
});
