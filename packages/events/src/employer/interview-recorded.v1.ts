import { interviewAttendanceSchema, interviewResultSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { interviewData } from './interview.js';

export const interviewRecordedV1 = defineEvent({
  type: 'InterviewRecorded',
  version: 1,
  topic: topics.employers,
  description:
    'The employer recorded whether the participant came to the interview and, if so, its result.',
  data: interviewData.extend({
    attendance: interviewAttendanceSchema,
    /** Null when the interview was missed. */
    result: interviewResultSchema.nullable(),
  }),
});
