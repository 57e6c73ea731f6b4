import { z } from 'zod';
import { calendarDay, timestamp } from '@ladder/http';
import {
  agendaForChangeBandSchema,
  checkOwnerSchema,
  checkStatusSchema,
  entryLevelRoleSchema,
  interviewAttendanceSchema,
  interviewCancelReasonSchema,
  interviewFormatSchema,
  interviewResultSchema,
  offerAnswerRecorderSchema,
  participantViewRefusalSchema,
  preEmploymentCheckSchema,
  thirdPartySchema,
} from '@ladder/vocabulary/schemas';
import { offerStatuses } from '../db/offers.repository.js';

/** The schemas of interviews, offers and their six checks (the routes' inputs and answers). */

/** What an interview and an offer both record: whose, for which vacancy, of which organisations. */
const vacancyStepFields = {
  id: z.uuid(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  participantId: z.uuid(),
  programmeId: z.string(),
  operatorOrganisationId: z.string(),
};

const participantInProgramme = {
  participantId: z.uuid(),
  programmeId: z.string().min(1).max(200),
};

/** When and how an interview is, whether scheduled or moved. */
const interviewTime = {
  scheduledAt: timestamp(),
  format: interviewFormatSchema,
  /** In person: the employer's site (default: the vacancy's). Not given for video. */
  siteId: z.uuid().optional(),
};
const videoHasNoSite = <B extends { format: string; siteId?: string | undefined }>(
  body: z.ZodType<B>,
) =>
  body.refine((b) => b.format === 'in-person' || b.siteId === undefined, {
    message: 'a video interview has no site',
    path: ['siteId'],
  });

export const scheduleInterviewBody = videoHasNoSite(
  z.object({ ...participantInProgramme, ...interviewTime }),
);
export const rescheduleInterviewBody = videoHasNoSite(z.object(interviewTime));
export const cancelInterviewBody = z.object({ reasonCode: interviewCancelReasonSchema });

export const recordInterviewBody = z
  .object({
    attendance: interviewAttendanceSchema,
    /** Required when attended; not given when missed. */
    result: interviewResultSchema.optional(),
  })
  .refine((b) => (b.attendance === 'attended') === (b.result !== undefined), {
    message: 'an attended interview has a result; a missed one has none',
    path: ['result'],
  });

/**
 * What the employer is shown of the participant, fetched now through their consent for
 * recruitment by an employer and never stored: their reasonable adjustments, or why not (ids
 * only). Only the employer is shown it.
 */
export const interviewParticipantSchema = z.discriminatedUnion('released', [
  z.object({
    participantId: z.uuid(),
    released: z.literal(true),
    reasonableAdjustments: z.array(z.string()),
  }),
  z.object({
    participantId: z.uuid(),
    released: z.literal(false),
    reason: z.union([participantViewRefusalSchema, z.enum(['unknown-participant', 'unavailable'])]),
  }),
]);

export const interviewSchema = z.object({
  ...vacancyStepFields,
  scheduledBy: offerAnswerRecorderSchema,
  scheduledAt: z.string(),
  format: interviewFormatSchema,
  siteId: z.uuid().nullable(),
  attendance: interviewAttendanceSchema.nullable(),
  result: interviewResultSchema.nullable(),
  /** The last time it was moved; null while it keeps its first time. */
  rescheduledAt: z.string().nullable(),
  /** Set once cancelled (it is then never recorded), with the reason code. */
  cancelledAt: z.string().nullable(),
  cancelReason: interviewCancelReasonSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), vacancy: z.string() }),
});
/** An interview as its employer reads it: with the participant's adjustments if consented. */
export const interviewWithParticipantSchema = interviewSchema.extend({
  participant: interviewParticipantSchema.optional(),
});

export const makeOfferBody = z.object({
  ...participantInProgramme,
  /** The successful interview it follows; without one, the participant came from a placement. */
  interviewId: z.uuid().optional(),
  /** Default: the vacancy's. */
  band: agendaForChangeBandSchema.optional(),
  siteId: z.uuid().optional(),
  hoursPerWeek: z.number().positive().max(48).multipleOf(0.5).optional(),
});

export const declineOfferBody = z.object({
  reasonCode: z.enum(['declined-by-participant', 'other']),
});
export const withdrawOfferBody = z.object({ reasonCode: z.enum(['role-withdrawn', 'other']) });

export const offerSchema = z.object({
  ...vacancyStepFields,
  interviewId: z.uuid().nullable(),
  role: entryLevelRoleSchema,
  band: agendaForChangeBandSchema,
  siteId: z.uuid(),
  hoursPerWeek: z.number(),
  respondBy: z.string(),
  status: z.enum(offerStatuses),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), vacancy: z.string(), checks: z.string() }),
});

export const checkParams = z.object({ id: z.uuid(), check: preEmploymentCheckSchema });

export const updateCheckBody = z.object({
  status: checkStatusSchema,
  /** Who holds the next action; left out, it stays. Cleared or failed: none. */
  owner: checkOwnerSchema.nullable().optional(),
  /** The kind of third party, when one holds the next action (never a person's name). */
  thirdParty: thirdPartySchema.nullable().optional(),
  dueOn: calendarDay().nullable().optional(),
  /** Every day evidence was seen for this check (replaces the list; the evidence is not kept). */
  evidenceSeenOn: z.array(calendarDay()).max(50).optional(),
});

export const checksSchema = z.object({
  offerId: z.uuid(),
  offerStatus: z.enum(offerStatuses),
  items: z.array(
    z.object({
      offerId: z.uuid(),
      check: preEmploymentCheckSchema,
      status: checkStatusSchema,
      owner: checkOwnerSchema.nullable(),
      thirdParty: thirdPartySchema.nullable(),
      dueOn: z.string().nullable(),
      evidenceSeenOn: z.array(z.string()),
      /** Not decided and past its due day: this check is holding up the start. */
      overdue: z.boolean(),
      updatedAt: z.string(),
    }),
  ),
  links: z.object({ self: z.string(), offer: z.string() }),
});
