import { interviewCancelReasonSchema, offerAnswerRecorderSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { interviewData } from './interview.js';

export const interviewCancelledV1 = defineEvent({
  type: 'InterviewCancelled',
  version: 1,
  topic: topics.employers,
  description:
    'Whoever scheduled an interview (the programme operator or the employer) cancelled it before ' +
    'its outcome was recorded, with a reason code; it will not be recorded.',
  data: interviewData.extend({
    reasonCode: interviewCancelReasonSchema,
    cancelledBy: offerAnswerRecorderSchema,
  }),
});
