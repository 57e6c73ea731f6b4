import { z } from 'zod';
import { attendanceMarkSchema, absenceReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { trainingPlaceData } from './training-place.js';

export const trainingSessionRecordedV1 = defineEvent({
  type: 'TrainingSessionRecorded',
  version: 1,
  topic: topics.training,
  description:
    'A session register marked the learner (a correction is a later register version). Codes and counts only.',
  data: trainingPlaceData.extend({
    sessionNumber: z.number().int().positive(),
    registerVersion: z.number().int().positive(),
    mark: attendanceMarkSchema,
    absenceReason: absenceReasonSchema.optional(),
    /** Absences (not excused) in a row up to this session. */
    absencesInARow: z.number().int().nonnegative(),
    sessionsRecorded: z.number().int().nonnegative(),
    sessionsAttended: z.number().int().nonnegative(),
  }),
});
