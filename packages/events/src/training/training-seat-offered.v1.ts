import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingSeatOfferedV1 = defineEvent({
  type: 'TrainingSeatOffered',
  version: 1,
  topic: topics.training,
  description:
    'A seat freed and was offered to the participant first in line, to be answered by respondBy.',
  data: trainingPlaceData.extend({
    respondBy: z.iso.datetime({ offset: true }),
  }),
});
