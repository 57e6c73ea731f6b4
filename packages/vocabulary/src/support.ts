import type { MilestoneCode } from './journey.js';

/**
 * What the programme operator's staff record on a journey themselves (through the journey's
 * `recordMilestone` update): engagement, and the employability support of CV, applications, mock
 * interviews, mentoring and volunteering. Nothing else reports these. Placements, interviews and
 * offers are the employer's to report, courses the training provider's (ops ask those services),
 * and a mentor is assigned with the `reassignMentor` update, which carries the mentor's id.
 */
export const staffMilestones = [
  'acknowledged',
  'first-contact',
  'action-plan-agreed',
  'cv-drafted',
  'cv-reviewed',
  'cv-ready',
  'application-submitted',
  'application-outcome',
  'mock-interview-held',
  'mock-interview-missed',
  'mentoring-session-held',
  'mentoring-session-missed',
  'volunteering-started',
] as const satisfies readonly MilestoneCode[];
export type StaffMilestone = (typeof staffMilestones)[number];

/**
 * Every milestone staff put on a journey, as the journey publishes it (`JourneyMilestoneRecorded`):
 * their recorded milestones and the mentor they assign.
 */
export const staffRecordedMilestones = [
  ...staffMilestones,
  'mentor-assigned',
] as const satisfies readonly MilestoneCode[];
export type StaffRecordedMilestone = (typeof staffRecordedMilestones)[number];

/** What came of a job application the participant made (`application-outcome`). */
export const applicationOutcomes = [
  /** It led on: an interview or an offer. */
  'successful',
  'unsuccessful',
  /** The participant withdrew it. */
  'withdrawn',
  /** The closing date passed with no answer from the employer. */
  'no-response',
] as const;
export type ApplicationOutcome = (typeof applicationOutcomes)[number];

/** Where the participant's CV stands: the latest CV milestone staff recorded. */
export const cvStatuses = ['not-started', 'drafted', 'reviewed', 'ready'] as const;
export type CvStatus = (typeof cvStatuses)[number];

/**
 * The employability support every journey looking for work goes through (the domain's
 * "CV, applications, mock interviews, mentoring sessions"): the journey's query lists those still
 * to do. Done by: `cv-ready` (the CV as it stands now), a first `application-submitted`, a first
 * `mock-interview-held`, a first `mentoring-session-held`.
 */
export const supportSteps = [
  'cv',
  'job-application',
  'mock-interview',
  'mentoring-session',
] as const;
export type SupportStep = (typeof supportSteps)[number];

/**
 * The shape of an opaque id that staff actions carry (a staff member, a mentor, an application or
 * vacancy reference): letters, digits and `. _ : -`, up to 128 characters. No spaces, so a name or
 * a note cannot pass for one.
 */
export const opaqueIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const isOpaqueId = (value: unknown): value is string =>
  typeof value === 'string' && opaqueIdPattern.test(value);
