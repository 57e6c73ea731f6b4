import { z } from 'zod';
import { journeySchema, timelineEntrySchema } from '../domain/journey-view.js';
import { calendarDay, postgresIntMax, timestamp } from '@ladder/http';
import {
  endingOutcomeSchema,
  journeyAttentionSchema,
  outcomeSchema,
  postcodeAreaSchema,
  priorityGroupSchema,
  reportBreakdownSchema,
  reportMeasureSchema,
  stageSchema,
} from '@ladder/vocabulary/schemas';

const programmeId = z
  .string()
  .regex(/^[a-z0-9-]{3,100}$/, 'lower-case letters, digits and hyphens');

/** Who was referred when, and how their journeys stood at a time: the cohort of a report. */
export const cohortQuery = z.object({
  programmeId: programmeId.optional(),
  referredFrom: calendarDay().optional(),
  referredTo: calendarDay().optional(),
  /** Default: now. */
  asOf: timestamp().optional(),
});

export const reportQuery = cohortQuery.extend({
  breakdown: reportBreakdownSchema.default('programme'),
});

export const journeyListQuery = cohortQuery.extend({
  stage: stageSchema.optional(),
  outcome: z.union([endingOutcomeSchema, z.literal('in-progress')]).optional(),
  attention: journeyAttentionSchema.optional(),
  /** The participant's postcode area (`LU`), as shared for reporting. */
  area: postcodeAreaSchema.optional(),
  /** One of the participant's priority groups, as shared for reporting. */
  priorityGroup: priorityGroupSchema.optional(),
  /** A deadline the read model knows of falls due within this many days from now (or is overdue). */
  deadlineWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  referralId: z.uuid().optional(),
  /** `overdue`: longest overdue first; `deadline`: the soonest next deadline first. */
  order: z.enum(['referred', 'overdue', 'deadline']).default('referred'),
  /** A report figure's journeys: the measure counted, and its stage or outcome code. */
  measure: reportMeasureSchema.optional(),
  code: z.union([stageSchema, outcomeSchema]).optional(),
  /** With `measure`: the report group the figure belongs to. */
  breakdown: reportBreakdownSchema.optional(),
  key: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(postgresIntMax).default(0),
});
export type JourneyListQuery = z.infer<typeof journeyListQuery>;

const time = z.string().describe('ISO 8601 with offset');

const counts = <S extends z.ZodEnum>(schema: S) => z.record(schema, z.number().int());

export const figuresSchema = z.object({
  referred: z.number().int(),
  inProgress: z.number().int(),
  stages: counts(stageSchema),
  outcomes: counts(outcomeSchema),
  endings: counts(endingOutcomeSchema),
});

export const outcomeReportSchema = z.object({
  breakdown: reportBreakdownSchema,
  asOf: time,
  total: figuresSchema,
  groups: z
    .array(z.object({ key: z.string(), figures: figuresSchema }))
    .describe(
      'One per group of the breakdown. In each, referred = inProgress + every ending. Each person is in one group, so the groups add up to total, except by priority-group: a person in several groups is in each of them, so those groups add up to more than total. Keys `not-shared` (no area or groups held: consent to outcome reporting not given, withdrawn or expired, or erased) and `none` (in no priority group).',
    ),
});

export { journeySchema, timelineEntrySchema };
