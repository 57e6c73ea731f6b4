import { z } from 'zod';
import {
  deadlineNameSchema,
  endingOutcomeSchema,
  partySchema,
  stageSchema,
  withdrawalReasonSchema,
} from '@ladder/vocabulary/schemas';

/** What the read model tells of a journey: ids, codes and times, never personal data. */
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
});

/** One thing that happened on a journey. */
export const timelineEntrySchema = z.object({
  eventId: z.uuid(),
  source: z.enum(['journey', 'training']),
  kind: z.string(),
  code: z.string(),
  occurredAt: time,
  detail: z.record(z.string(), z.unknown()),
});

export type JourneyView = z.infer<typeof journeySchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
