import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingPlaceRequestedV1 = defineEvent({
  type: 'TrainingPlaceRequested',
  version: 1,
  topic: topics.training,
  description:
    'A place on an intake was asked for a participant, by the programme operator or (where the programme allows) the provider.',
  data: trainingPlaceData.extend({
    /** Who asked: the programme operator, or the provider enrolling directly. */
    requestedBy: z.enum(['programme-operator', 'training-provider']),
    requestedByOrganisationId: z.string(),
  }),
});
