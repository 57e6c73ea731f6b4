/**
 * The vocabulary as zod schemas, for event, route and config schemas. Kept apart from the plain
 * data (the package's main entry) so that the workflow sandbox can take the sets without zod.
 */
import { z } from 'zod';
import { checkOwners, checkStatuses, preEmploymentChecks, thirdParties } from './checks.js';
import {
  bankHolidayRegions,
  deadlineNames,
  deadlineStates,
  guidanceDeadlines,
  type JourneyDeadlines,
} from './deadlines.js';
import {
  journeyWarnings,
  endingOutcomes,
  milestoneCodes,
  milestoneRefusals,
  outcomes,
  parties,
  stages,
  sustainmentWeeks,
} from './journey.js';
import {
  consentPurposes,
  consentRecipients,
  contactPreferences,
  organisationKinds,
  postcodeAreaPattern,
  priorityGroups,
} from './people.js';
import {
  deadlineExtensionReasons,
  earlyEndReasons,
  eligibilityReasons,
  interviewCancelReasons,
  offerEndReasons,
  participantViewRefusals,
  placementDeclineReasons,
  referralRefusalReasons,
  withdrawalReasons,
} from './reasons.js';
import {
  absenceReasons,
  attendanceMarks,
  courseModes,
  courseResults,
  courseStatuses,
  fundingRoutes,
  qualificationLevels,
  qualifications,
} from './training.js';
import {
  agendaForChangeBands,
  entryLevelRoles,
  interviewAttendances,
  interviewFormats,
  interviewResults,
  offerAnswerRecorders,
  offerStatuses,
  placementKinds,
  placementStatuses,
} from './work.js';
import { journeyAttention, reportBreakdowns, reportMeasures, staffRoles } from './reports.js';
import {
  applicationOutcomes,
  cvStatuses,
  opaqueIdPattern,
  staffMilestones,
  staffRecordedMilestones,
  supportSteps,
} from './support.js';

export const stageSchema = z.enum(stages);
export const outcomeSchema = z.enum(outcomes);
export const partySchema = z.enum(parties);
export const milestoneCodeSchema = z.enum(milestoneCodes);
export const milestoneRefusalSchema = z.enum(milestoneRefusals);
export const journeyWarningSchema = z.enum(journeyWarnings);
export const sustainmentWeeksSchema = z.literal(sustainmentWeeks);
export const preEmploymentCheckSchema = z.enum(preEmploymentChecks);
export const checkStatusSchema = z.enum(checkStatuses);
export const checkOwnerSchema = z.enum(checkOwners);
export const thirdPartySchema = z.enum(thirdParties);
export const deadlineNameSchema = z.enum(deadlineNames);
export const deadlineStateSchema = z.enum(deadlineStates);
export const bankHolidayRegionSchema = z.enum(bankHolidayRegions);
export const priorityGroupSchema = z.enum(priorityGroups);
export const postcodeAreaSchema = z
  .string()
  .regex(postcodeAreaPattern, 'a postcode area: one or two capital letters, such as LU');
export const consentPurposeSchema = z.enum(consentPurposes);
export const consentRecipientSchema = z.enum(consentRecipients);
export const organisationKindSchema = z.enum(organisationKinds);
export const contactPreferenceSchema = z.enum(contactPreferences);
export const participantViewRefusalSchema = z.enum(participantViewRefusals);
export const withdrawalReasonSchema = z.enum(withdrawalReasons);
export const deadlineExtensionReasonSchema = z.enum(deadlineExtensionReasons);
export const eligibilityReasonSchema = z.enum(eligibilityReasons);
export const referralRefusalReasonSchema = z.enum(referralRefusalReasons);
export const placementDeclineReasonSchema = z.enum(placementDeclineReasons);
export const earlyEndReasonSchema = z.enum(earlyEndReasons);
export const offerEndReasonSchema = z.enum(offerEndReasons);
export const interviewCancelReasonSchema = z.enum(interviewCancelReasons);
export const qualificationSchema = z.enum(qualifications);
export const qualificationLevelSchema = z.enum(qualificationLevels);
export const courseModeSchema = z.enum(courseModes);
export const fundingRouteSchema = z.enum(fundingRoutes);
export const attendanceMarkSchema = z.enum(attendanceMarks);
export const absenceReasonSchema = z.enum(absenceReasons);
export const courseResultSchema = z.enum(courseResults);
export const courseStatusSchema = z.enum(courseStatuses);
export const entryLevelRoleSchema = z.enum(entryLevelRoles);
export const placementKindSchema = z.enum(placementKinds);
export const agendaForChangeBandSchema = z.enum(agendaForChangeBands);
export const interviewFormatSchema = z.enum(interviewFormats);
export const interviewAttendanceSchema = z.enum(interviewAttendances);
export const interviewResultSchema = z.enum(interviewResults);
export const offerAnswerRecorderSchema = z.enum(offerAnswerRecorders);
export const placementStatusSchema = z.enum(placementStatuses);
export const offerStatusSchema = z.enum(offerStatuses);

/** As ReferralSubmitted v1 published it: a published shape never changes. */
const days = z.number().int().positive();

/** The one declaration of a programme's deadline rules (see `JourneyDeadlines`). */
export const journeyDeadlinesSchema = z.object({
  acknowledgeWorkingDays: days,
  firstContactWorkingDays: days,
  actionPlanWorkingDays: days,
  trainingCompletionDays: days,
  placementConfirmationDays: days,
  offerResponseDays: days,
  preEmploymentChecksDays: days,
}) satisfies z.ZodType<JourneyDeadlines>;

type DeadlinesShape = typeof journeyDeadlinesSchema.shape;

/**
 * The same rules as a programme sets them: at most a year each (a longer one is a typing slip,
 * and dates beyond it overflow), each defaulting to the guidance value when left out.
 */
export const journeyDeadlinesWithDefaultsSchema = z.object(
  Object.fromEntries(
    Object.entries(journeyDeadlinesSchema.shape).map(([name, schema]) => [
      name,
      schema.max(365).default(guidanceDeadlines[name as keyof DeadlinesShape]),
    ]),
  ) as { [K in keyof DeadlinesShape]: z.ZodDefault<DeadlinesShape[K]> },
);

/**
 * What a programme sets for its training: how long a freed seat's offer waits for an answer, how
 * many absences in a row put a learner at risk, and whether a provider may enrol a participant
 * without the operator asking. Each defaults, so programmes stored before these existed parse.
 */
export const programmeTrainingSettingsSchema = z
  .object({
    seatOfferResponseHours: z.number().int().min(1).max(720).default(48),
    atRiskAfterAbsencesInARow: z.number().int().min(1).max(20).default(3),
    providerMayEnrolDirectly: z.boolean().default(false),
  })
  .prefault({});

/**
 * What a programme sets for employment: when pre-employment checks fall due and how long an
 * employer has to answer a sustainment check. The offer-response deadline is in the deadlines.
 */
export const programmeEmploymentSettingsSchema = z
  .object({
    checkDueDays: z.number().int().min(1).max(180).default(28),
    sustainmentResponseDays: z.number().int().min(1).max(60).default(10),
    /**
     * How long after the start in post each sustainment mark falls: 13 and 26 weeks (91 and 182
     * days). Fractions of a day are allowed so that a demo programme runs in minutes.
     */
    sustainmentMarkDays: z
      .object({
        '13': z.number().positive().max(200).default(91),
        '26': z.number().positive().max(400).default(182),
      })
      .prefault({})
      .refine((marks) => marks['26'] > marks['13'], {
        message: 'the 26-week mark must fall after the 13-week mark',
      }),
  })
  .prefault({});

export const reportBreakdownSchema = z.enum(reportBreakdowns);
export const endingOutcomeSchema = z.enum(endingOutcomes);
export const reportMeasureSchema = z.enum(reportMeasures);
export const journeyAttentionSchema = z.enum(journeyAttention);
export const staffRoleSchema = z.enum(staffRoles);
export const staffMilestoneSchema = z.enum(staffMilestones);
export const staffRecordedMilestoneSchema = z.enum(staffRecordedMilestones);
export const applicationOutcomeSchema = z.enum(applicationOutcomes);
export const cvStatusSchema = z.enum(cvStatuses);
export const supportStepSchema = z.enum(supportSteps);
/** An opaque id (see `opaqueIdPattern`): never free text. */
export const opaqueIdSchema = z
  .string()
  .regex(opaqueIdPattern, 'an opaque id: letters, digits and . _ : - only, at most 128');
