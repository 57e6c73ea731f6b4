import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingAtRiskV1 = defineEvent({
  type: 'TrainingAtRisk',
  version: 1,
  topic: topics.training,
  description:
    'The learner missed as many sessions in a row as the programme setting allows: at risk of dropping out.',
  data: trainingPlaceData.extend({
    absencesInARow: z.number().int().positive(),
    threshold: z.number().int().positive(),
  }),
});
