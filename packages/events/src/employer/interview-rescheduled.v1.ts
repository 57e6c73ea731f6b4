import { z } from 'zod';
import { offerAnswerRecorderSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { interviewData } from './interview.js';
import { interviewScheduledV1 } from './interview-scheduled.v1.js';

export const interviewRescheduledV1 = defineEvent({
  type: 'InterviewRescheduled',
  version: 1,
  topic: topics.employers,
  description:
    'Whoever scheduled an interview (the programme operator or the employer) moved it before its ' +
    'outcome was recorded: its new time, and at a site or by video.',
  data: interviewData.extend({
    // The same fields, with the same meaning, as the interview's InterviewScheduled.
    ...interviewScheduledV1.data.pick({ scheduledAt: true, format: true, siteId: true }).shape,
    /** When it was to have been before this change. */
    previousScheduledAt: z.iso.datetime({ offset: true }),
    rescheduledBy: offerAnswerRecorderSchema,
  }),
});
