import { z } from 'zod';
import { earlyEndReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingWithdrawnV1 = defineEvent({
  type: 'TrainingWithdrawn',
  version: 1,
  topic: topics.training,
  description: 'The learner left the course (or the waitlist) before it ended, with a reason code.',
  data: trainingPlaceData.extend({
    reasonCode: earlyEndReasonSchema,
    /** What they held when they left. */
    from: z.enum(['enrolled', 'waitlisted', 'offered']),
  }),
});
