import { z } from 'zod';
import {
  agendaForChangeBandSchema,
  checkOwnerSchema,
  checkStatusSchema,
  earlyEndReasonSchema,
  entryLevelRoleSchema,
  interviewAttendanceSchema,
  interviewFormatSchema,
  interviewResultSchema,
  offerEndReasonSchema,
  offerStatusSchema,
  placementKindSchema,
  placementStatusSchema,
  preEmploymentCheckSchema,
  sustainmentWeeksSchema,
  thirdPartySchema,
} from '@ladder/vocabulary/schemas';

/**
 * What the employer service's events tell of a participant in a programme: ids, codes and dates,
 * never personal data. A field the events have not told yet is null.
 */
const time = z.string().describe('ISO 8601 with offset');
const day = z.iso.date();

export const placementViewSchema = z.object({
  placementId: z.uuid(),
  slotId: z.uuid(),
  employerOrganisationId: z.string(),
  kind: placementKindSchema.nullable(),
  status: placementStatusSchema,
  /** Why it was declined or ended early. */
  reasonCode: z.string().nullable(),
  since: time,
});

export const interviewViewSchema = z.object({
  interviewId: z.uuid(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  scheduledAt: time.nullable(),
  format: interviewFormatSchema.nullable(),
  attendance: interviewAttendanceSchema.nullable(),
  result: interviewResultSchema.nullable(),
});

export const checkViewSchema = z.object({
  check: preEmploymentCheckSchema,
  status: checkStatusSchema,
  /** Who holds the next action; null once decided. */
  owner: checkOwnerSchema.nullable(),
  thirdParty: thirdPartySchema.nullable(),
  /** Null once decided, or while the programme's checkDueDays is not known. */
  dueOn: day.nullable(),
  /** The check is open and its due day has passed. */
  overdue: z.boolean(),
});

export const sustainmentMarkViewSchema = z.object({
  weeks: sustainmentWeeksSchema,
  /** When the mark was reached and the employer asked (SustainmentDue). */
  reachedAt: time.nullable(),
  answerDueAt: time.nullable(),
  confirmedAt: time.nullable(),
});

export const offerViewSchema = z.object({
  offerId: z.uuid(),
  vacancyId: z.uuid(),
  employerOrganisationId: z.string(),
  interviewId: z.uuid().nullable(),
  role: entryLevelRoleSchema.nullable(),
  band: agendaForChangeBandSchema.nullable(),
  hoursPerWeek: z.number().nullable(),
  respondBy: time.nullable(),
  madeAt: time.nullable(),
  acceptedAt: time.nullable(),
  status: offerStatusSchema.nullable(),
  reasonCode: offerEndReasonSchema.nullable(),
  failedCheck: preEmploymentCheckSchema.nullable(),
  checks: z.array(checkViewSchema),
  employment: z.object({
    startsOn: day.nullable(),
    startedOn: day.nullable(),
    leftOn: day.nullable(),
    leftReason: earlyEndReasonSchema.nullable(),
    sustainment: z.array(sustainmentMarkViewSchema),
  }),
});

export const employerViewSchema = z.object({
  placements: z.array(placementViewSchema),
  interviews: z.array(interviewViewSchema),
  offers: z.array(offerViewSchema),
});

export type EmployerView = z.infer<typeof employerViewSchema>;
export type OfferView = z.infer<typeof offerViewSchema>;
export type CheckView = z.infer<typeof checkViewSchema>;
