import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingWaitlistedV1 = defineEvent({
  type: 'TrainingWaitlisted',
  version: 1,
  topic: topics.training,
  description:
    'The intake was full: the participant joined its waitlist, at this position (1 = next in line).',
  data: trainingPlaceData.extend({
    position: z.number().int().positive(),
  }),
});
