import { z } from 'zod';
import { qualificationSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingEnrolledV1 = defineEvent({
  type: 'TrainingEnrolled',
  version: 1,
  topic: topics.training,
  description:
    'The participant holds a seat on the intake (enrolled at request, or an offered seat accepted).',
  data: trainingPlaceData.extend({
    qualification: qualificationSchema,
    /** How the seat was taken. */
    via: z.enum(['request', 'offer-accepted', 'direct-enrolment']),
  }),
});
