import { z } from 'zod';
import { calendarDay, freeText, positiveInt, timestamp } from '@ladder/http';
import { releasedPersonSchema } from '@ladder/participant-view';
import {
  absenceReasonSchema,
  attendanceMarkSchema,
  courseModeSchema,
  courseResultSchema,
  earlyEndReasonSchema,
  fundingRouteSchema,
  participantViewRefusalSchema,
  qualificationLevelSchema,
  qualificationSchema,
} from '@ladder/vocabulary/schemas';
import { placeStatuses } from '../db/places.repository.js';

export const idParams = z.object({ id: z.uuid() });

/** Where a course is taught: a postcode area or district, never a full postcode. */
const postcodeArea = z
  .string()
  .regex(/^[A-Z]{1,2}[0-9]{0,2}[A-Z]?$/, 'a postcode area or district such as LU or MK9');

export const courseBody = z.object({
  title: freeText({ min: 1, max: 200 }),
  description: freeText({ max: 2000 }).optional(),
  qualification: qualificationSchema,
  level: qualificationLevelSchema,
  mode: courseModeSchema,
  postcodeArea,
  lengthWeeks: z.number().int().min(1).max(260),
  guidedHours: z.number().int().min(1).max(5000).optional(),
  fundingRoute: fundingRouteSchema,
});

export const courseSchema = courseBody.extend({
  id: z.uuid(),
  providerOrganisationId: z.string(),
  createdAt: z.string(),
});

const sessionSchema = z
  .object({
    sessionNumber: z.number().int().min(1).max(1000),
    startsAt: timestamp(),
    endsAt: timestamp(),
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });

export const intakeBody = z
  .object({
    startsOn: calendarDay(),
    endsOn: calendarDay(),
    capacity: z.number().int().min(1).max(10_000),
    /** The timetable: numbered sessions, each a start and an end. */
    sessions: z.array(sessionSchema).max(1000),
  })
  .refine((i) => i.endsOn >= i.startsOn, {
    message: 'endsOn must not be before startsOn',
    path: ['endsOn'],
  })
  .refine((i) => new Set(i.sessions.map((s) => s.sessionNumber)).size === i.sessions.length, {
    message: 'session numbers must be unique',
    path: ['sessions'],
  });

export const intakeSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  providerOrganisationId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  sessions: z.array(
    z.object({ sessionNumber: z.number().int(), startsAt: z.string(), endsAt: z.string() }),
  ),
  seats: z.object({
    enrolled: z.number().int(),
    offered: z.number().int(),
    waitlisted: z.number().int(),
  }),
  createdAt: z.string(),
});

export const placeRequestBody = z.object({
  participantId: z.uuid(),
  programmeId: z.string().min(1).max(100),
});

export const placeSchema = z.object({
  id: z.uuid(),
  intakeId: z.uuid(),
  courseId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  status: z.enum(placeStatuses),
  waitlistPosition: z
    .number()
    .int()
    .nullable()
    .describe('1 = next in line; null unless waitlisted'),
  offerExpiresAt: z.string().nullable().describe('When an offered seat passes to the next in line'),
  atRisk: z.boolean(),
  result: courseResultSchema.nullable(),
  award: z
    .object({ qualification: qualificationSchema, awardingBody: z.string(), awardedOn: z.string() })
    .nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), intake: z.string() }),
});

export const intakeDetailSchema = intakeSchema.extend({
  places: z.array(placeSchema).describe("The operator sees only its own programmes' places"),
});

export const withdrawBody = z.object({ reasonCode: earlyEndReasonSchema });

export const completeBody = z.object({
  result: courseResultSchema,
  award: z
    .object({ awardingBody: freeText({ min: 1, max: 200 }), awardedOn: calendarDay() })
    .optional()
    .describe('The qualification awarded (the course’s qualification), by whom and when'),
});

export const capacityBody = z.object({ capacity: z.number().int().min(1).max(10_000) });

export const registerParams = z.object({ id: z.uuid(), sessionNumber: positiveInt() });

const registerMark = z
  .object({
    placeId: z.uuid(),
    mark: attendanceMarkSchema,
    absenceReason: absenceReasonSchema.optional(),
  })
  .refine((m) => (m.mark === 'absent') === (m.absenceReason !== undefined), {
    message: 'an absence takes a reason code, and only an absence',
    path: ['absenceReason'],
  });

export const registerBody = z.object({
  marks: z
    .array(registerMark)
    .min(1)
    .max(500)
    .refine((m) => new Set(m.map((x) => x.placeId)).size === m.length, {
      message: 'each learner once',
    }),
});

export const registerSchema = z.object({
  intakeId: z.uuid(),
  sessionNumber: z.number().int(),
  version: z.number().int(),
  recordedByOrganisationId: z.string(),
  recordedAt: z.string(),
  marks: z.array(
    z.object({
      placeId: z.uuid(),
      mark: attendanceMarkSchema,
      absenceReason: absenceReasonSchema.optional(),
    }),
  ),
  history: z
    .array(
      z.object({
        version: z.number().int(),
        recordedByOrganisationId: z.string(),
        recordedAt: z.string(),
      }),
    )
    .describe('Every version, oldest first: a correction is a new version with who and when'),
});

export const learnerSchema = z.discriminatedUnion('released', [
  z.object({
    placeId: z.uuid(),
    participantId: z.uuid(),
    released: z.literal(true),
    person: releasedPersonSchema,
  }),
  z.object({
    placeId: z.uuid(),
    participantId: z.uuid(),
    released: z.literal(false),
    reason: participantViewRefusalSchema,
  }),
]);
