import { z } from 'zod';
import {
  deadlineNameSchema,
  endingOutcomeSchema,
  partySchema,
  postcodeAreaSchema,
  priorityGroupSchema,
  stageSchema,
  withdrawalReasonSchema,
} from '@ladder/vocabulary/schemas';

/**
 * What the read model tells of a journey: ids, codes and times; and the participant's postcode
 * area and priority groups (codes, special category data) only while their consent covers
 * outcome reporting to the programme operator. Never names, contact details or free text.
 */
const time = z.string().describe('ISO 8601 with offset');

export const journeySchema = z.object({
  referralId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  referrerOrganisationId: z.string().nullable(),
  eligibility: z.enum(['eligible', 'not-eligible']).nullable(),
  referredAt: time.nullable(),
  stage: stageSchema.nullable(),
  stageSince: time.nullable(),
  waitingFor: z.string().nullable(),
  waitingFrom: partySchema.nullable(),
  deadlineName: deadlineNameSchema.nullable(),
  deadlineDueAt: time.nullable(),
  escalated: z.boolean(),
  atRisk: z.boolean(),
  endingOutcome: endingOutcomeSchema.nullable(),
  endedAt: time.nullable(),
  withdrawnReason: withdrawalReasonSchema.nullable(),
  lastMilestoneAt: time,
  /**
   * The earliest open deadline the read model knows of: a missed one, an offer's answer, an open
   * pre-employment check's due day (its end), a sustainment answer. Other deadlines on time are
   * not in any event (see the README).
   */
  nextDeadlineAt: time.nullable(),
  /** The earliest due day of an open pre-employment check the employer holds. */
  employerCheckDueOn: z.iso.date().nullable(),
  /** A sustainment mark was reached and the employer's answer is due by then. */
  sustainmentAnswerDueAt: time.nullable(),
  /** The participant's postcode area; null when not shared for reporting (or taken back). */
  area: postcodeAreaSchema.nullable(),
  /** Their priority groups (empty: none); null when not shared for reporting (or taken back). */
  priorityGroups: z.array(priorityGroupSchema).nullable(),
});

/** One thing that happened on a journey. */
export const timelineEntrySchema = z.object({
  eventId: z.uuid(),
  source: z.enum(['journey', 'training', 'employer']),
  kind: z.string(),
  code: z.string(),
  occurredAt: time,
  detail: z.record(z.string(), z.unknown()),
});

export type JourneyView = z.infer<typeof journeySchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
