/**
 * The deadlines a journey keeps, by name. `sustainment-confirmation`: the employer's answer to a
 * sustainment mark (13 or 26 weeks in post), due when the employer service says (its
 * SustainmentDue event); it opens with that event, not with a stage.
 * `work-experience-follow-up`: a job step (an interview, an offer, an application submitted or a
 * new placement) after a completed work-experience placement; it opens with that completion, and
 * when it passes with none the journey records the `work-experience` outcome (it is not chased).
 */
export const deadlineNames = [
  'acknowledge',
  'first-contact',
  'action-plan',
  'training-completion',
  'placement-confirmation',
  'offer-response',
  'pre-employment-checks',
  'sustainment-confirmation',
  'work-experience-follow-up',
] as const;
export type DeadlineName = (typeof deadlineNames)[number];

/**
 * Where a deadline stands. `cancelled`: the stage it belongs to ended before it was met (the
 * journey went back or ended), so nobody is chased for it any more.
 */
export const deadlineStates = ['open', 'met', 'missed', 'escalated', 'cancelled'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

/**
 * A programme's deadline rules: how long each step may take. A journey keeps the rules it started
 * with (they travel in ReferralSubmitted), so a change to the programme applies to new referrals
 * only. The zod form is `journeyDeadlinesSchema` in `@ladder/vocabulary/schemas`, checked against
 * this type there.
 */
export interface JourneyDeadlines {
  acknowledgeWorkingDays: number;
  firstContactWorkingDays: number;
  actionPlanWorkingDays: number;
  trainingCompletionDays: number;
  placementConfirmationDays: number;
  offerResponseDays: number;
  preEmploymentChecksDays: number;
  /**
   * How long after a completed work-experience placement a job step may follow before the
   * placement counts as the programme's work-experience outcome. Optional: ReferralSubmitted
   * (v1 to v3) does not carry it, so journeys take the guidance value when it is absent.
   */
  workExperienceFollowUpDays?: number;
}

/**
 * DWP provider guidance for similar programmes: acknowledge within 2 working days, first meeting
 * within 15, action plan within 20; the later limits are Ladder's defaults. Programmes may differ.
 */
export const guidanceDeadlines: JourneyDeadlines = {
  acknowledgeWorkingDays: 2,
  firstContactWorkingDays: 15,
  actionPlanWorkingDays: 20,
  trainingCompletionDays: 84,
  placementConfirmationDays: 28,
  offerResponseDays: 10,
  preEmploymentChecksDays: 42,
};

/**
 * Ladder's default for `workExperienceFollowUpDays`: four weeks for an interview, an offer, an
 * application or another placement to follow a completed work-experience placement. Kept apart
 * from `guidanceDeadlines`, whose shape is the one ReferralSubmitted published.
 */
export const guidanceWorkExperienceFollowUpDays = 28;

/** The UK nations' bank-holiday calendars a programme's working days follow. */
export const bankHolidayRegions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof bankHolidayRegions)[number];
