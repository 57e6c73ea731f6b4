import { z } from 'zod';
import { calendarDay } from '@ladder/http';
import { sustainmentWeeks, type SustainmentWeeks } from '@ladder/vocabulary';
import { earlyEndReasonSchema, sustainmentWeeksSchema } from '@ladder/vocabulary/schemas';
import { employmentStatuses } from '../db/employments.repository.js';
import { sustainmentTaskStatuses } from '../db/sustainment-tasks.repository.js';

export const startDateBody = z.object({
  startsOn: calendarDay().describe('The agreed first day in post; not before the offer was made'),
});
export const startBody = z.object({
  startedOn: calendarDay().describe(
    'The first day in post: not in the future, not before the offer was made',
  ),
});
export const leaveBody = z.object({
  leftOn: calendarDay().describe('The last day in post: from the start to today'),
  reasonCode: earlyEndReasonSchema,
});
export const sustainmentAnswerBody = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('in-post') }),
  leaveBody.extend({ answer: z.literal('left') }),
]);

export const taskParams = z.object({
  id: z.uuid(),
  // A path segment is text: the OpenAPI document shows the two values, the handler gets a number.
  weeks: z
    .enum(sustainmentWeeks.map(String) as ['13', '26'])
    .transform((weeks) => Number(weeks) as SustainmentWeeks),
});

export const taskListQuery = z.object({
  status: z.enum(sustainmentTaskStatuses).optional(),
  cursor: z.string().max(500).optional().describe('`nextCursor` of the page before'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const moment = z.iso.datetime({ offset: true });

export const sustainmentTaskSchema = z.object({
  offerId: z.uuid(),
  weeks: sustainmentWeeksSchema,
  participantId: z.uuid(),
  programmeId: z.string(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  operatorOrganisationId: z.string(),
  markAt: moment.describe('When the employer is asked whether the person is still in post'),
  answerDueAt: moment.describe('When the answer is due'),
  status: z.enum(sustainmentTaskStatuses),
  overdue: z.boolean().describe('Asked, unanswered and past answerDueAt'),
  earlyAnswer: z
    .literal('in-post')
    .nullable()
    .describe('An answer given before the mark, published when the mark is reached'),
  answeredAt: moment.nullable(),
  publishedDueAt: moment.nullable(),
  links: z.object({ self: z.string(), answer: z.string(), employment: z.string() }),
});

export const employmentSchema = z.object({
  offerId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  operatorOrganisationId: z.string(),
  startsOn: z.string(),
  startedOn: z.string().nullable(),
  status: z.enum(employmentStatuses),
  leftOn: z.string().nullable(),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sustainmentTasks: z.array(sustainmentTaskSchema),
  links: z.object({ self: z.string() }),
});
