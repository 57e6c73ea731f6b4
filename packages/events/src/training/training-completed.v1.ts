import { z } from 'zod';
import { qualificationSchema, courseResultSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingCompletedV1 = defineEvent({
  type: 'TrainingCompleted',
  version: 1,
  topic: topics.training,
  description: 'The learner finished the course, with a result and, if awarded, the qualification.',
  data: trainingPlaceData.extend({
    result: courseResultSchema,
    qualification: qualificationSchema,
    qualificationAwarded: z.boolean(),
  }),
});
