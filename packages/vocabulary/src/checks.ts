/**
 * The NHS Employment Check Standards: six checks, run in parallel once a conditional offer is
 * accepted, typically over about four weeks.
 */
export const preEmploymentChecks = [
  'identity',
  'right-to-work',
  'registration-and-qualifications',
  'employment-history-and-references',
  'criminal-record-and-barring',
  'work-health-assessment',
] as const;
export type PreEmploymentCheck = (typeof preEmploymentChecks)[number];

/** Where one check stands. Only `cleared` and `failed` are final. */
export const checkStatuses = [
  'not-started',
  'in-progress',
  'waiting-for-candidate',
  'waiting-for-third-party',
  'cleared',
  'failed',
] as const;
export type CheckStatus = (typeof checkStatuses)[number];

/** Who holds a check's next action. */
export const checkOwners = ['employer', 'participant', 'third-party'] as const;
export type CheckOwner = (typeof checkOwners)[number];

/** The kinds of third party a check can wait on (named by kind: never a person's name). */
export const thirdParties = [
  'referee',
  'occupational-health',
  'disclosure-and-barring-service',
  'professional-body',
  'home-office',
  'awarding-body',
] as const;
export type ThirdParty = (typeof thirdParties)[number];
