import { z } from 'zod';
import { interviewFormatSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { interviewData } from './interview.js';

export const interviewScheduledV1 = defineEvent({
  type: 'InterviewScheduled',
  version: 1,
  topic: topics.employers,
  description:
    'The employer scheduled an interview for a vacancy: when, and at a site or by video.',
  data: interviewData.extend({
    scheduledAt: z.iso.datetime({ offset: true }),
    format: interviewFormatSchema,
    /** The site of an in-person interview; null for video. */
    siteId: z.uuid().nullable(),
  }),
});
