/** Why a referral or journey was withdrawn (by the referrer, the operator or the participant). */
export const withdrawalReasons = [
  'participant-request',
  'moved-away',
  'found-work-elsewhere',
  'health',
  'inappropriate-referral',
  'duplicate-referral',
  'other',
] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];

/** Why a referral was found not eligible for its programme. */
export const eligibilityReasons = [
  'age-out-of-range',
  'not-in-eligible-group',
  'area-not-served',
  'consent-expired',
] as const;
export type EligibilityReason = (typeof eligibilityReasons)[number];

/** Why a referral was refused outright (referred back to the Job Centre with the code). */
export const referralRefusalReasons = [
  'duplicate-referral',
  'unknown-programme',
  'programme-closed',
] as const;
export type ReferralRefusalReason = (typeof referralRefusalReasons)[number];

/** Why an employer declined a proposed placement. */
export const placementDeclineReasons = [
  'no-capacity',
  'not-a-match-for-the-role',
  'dates-unavailable',
  'participant-unavailable',
  'other',
] as const;
export type PlacementDeclineReason = (typeof placementDeclineReasons)[number];

/** Why a placement, a course or a job ended early. */
export const earlyEndReasons = [
  'participant-choice',
  'health',
  'caring-responsibilities',
  'attendance',
  'conduct',
  'found-other-work',
  'moved-away',
  'other',
] as const;
export type EarlyEndReason = (typeof earlyEndReasons)[number];

/** Why an offer ended without a start (declined, withdrawn or expired). */
export const offerEndReasons = [
  'declined-by-participant',
  'check-failed',
  'expired',
  'role-withdrawn',
  'other',
] as const;
export type OfferEndReason = (typeof offerEndReasons)[number];

/** Why an interview was cancelled by whoever scheduled it. */
export const interviewCancelReasons = [
  'participant-unavailable',
  'interviewer-unavailable',
  'participant-withdrew',
  'vacancy-withdrawn',
  'other',
] as const;
export type InterviewCancelReason = (typeof interviewCancelReasons)[number];

/** Why a participant's personal data was not released to a recipient who asked for it. */
export const participantViewRefusals = [
  /** Their consent does not cover this purpose for this recipient. */
  'no-consent',
  'consent-expired',
  'consent-withdrawn',
  /** Their personal data has been erased (crypto-shredded). */
  'erased',
] as const;
export type ParticipantViewRefusal = (typeof participantViewRefusals)[number];

/** Why ops staff gave a journey's deadline more days. */
export const deadlineExtensionReasons = [
  'participant-unwell',
  'awaiting-third-party',
  'participant-availability',
  'service-delay',
  'other',
] as const;
export type DeadlineExtensionReason = (typeof deadlineExtensionReasons)[number];
