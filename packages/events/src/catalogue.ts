import type { EventDefinition, Upcaster } from './define-event.js';
import { journeyOutcomeRecordedV1 } from './journey/journey-outcome-recorded.v1.js';
import { journeyOutcomeRecordedV2 } from './journey/journey-outcome-recorded.v2.js';
import { journeyStageChangedV1 } from './journey/journey-stage-changed.v1.js';
import { journeyStageChangedV2 } from './journey/journey-stage-changed.v2.js';
import { journeyStalledV1 } from './journey/journey-stalled.v1.js';
import { journeyStalledV2 } from './journey/journey-stalled.v2.js';
import { journeyStalledV3 } from './journey/journey-stalled.v3.js';
import { journeyMilestoneRecordedV1 } from './journey/journey-milestone-recorded.v1.js';
import { programmeRulesPublishedV1 } from './referral/programme-rules-published.v1.js';
import { referralSubmittedV1 } from './referral/referral-submitted.v1.js';
import { referralSubmittedV2 } from './referral/referral-submitted.v2.js';
import { referralSubmittedV3 } from './referral/referral-submitted.v3.js';
import { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';
import { referralWithdrawnV2 } from './referral/referral-withdrawn.v2.js';
import { consentExpiredV1 } from './referral/consent-expired.v1.js';
import { consentRenewedV1 } from './referral/consent-renewed.v1.js';
import { consentWithdrawnV1 } from './referral/consent-withdrawn.v1.js';
import { reportingProfileSharedV1 } from './referral/reporting-profile-shared.v1.js';
import { participantErasedV1 } from './referral/participant-erased.v1.js';
import { trainingPlaceRequestedV1 } from './training/training-place-requested.v1.js';
import { trainingWaitlistedV1 } from './training/training-waitlisted.v1.js';
import { trainingSeatOfferedV1 } from './training/training-seat-offered.v1.js';
import { trainingSeatOfferLapsedV1 } from './training/training-seat-offer-lapsed.v1.js';
import { trainingEnrolledV1 } from './training/training-enrolled.v1.js';
import { trainingSessionRecordedV1 } from './training/training-session-recorded.v1.js';
import { trainingAtRiskV1 } from './training/training-at-risk.v1.js';
import { trainingCompletedV1 } from './training/training-completed.v1.js';
import { trainingWithdrawnV1 } from './training/training-withdrawn.v1.js';
import { progressedToFurtherEducationV1 } from './training/progressed-to-further-education.v1.js';
import { placementProposedV1 } from './employer/placement-proposed.v1.js';
import { placementConfirmedV1 } from './employer/placement-confirmed.v1.js';
import { placementDeclinedV1 } from './employer/placement-declined.v1.js';
import { placementStartedV1 } from './employer/placement-started.v1.js';
import { placementCompletedV1 } from './employer/placement-completed.v1.js';
import { placementEndedEarlyV1 } from './employer/placement-ended-early.v1.js';
import { interviewScheduledV1 } from './employer/interview-scheduled.v1.js';
import { interviewRecordedV1 } from './employer/interview-recorded.v1.js';
import { interviewRescheduledV1 } from './employer/interview-rescheduled.v1.js';
import { interviewCancelledV1 } from './employer/interview-cancelled.v1.js';
import { offerMadeV1 } from './employer/offer-made.v1.js';
import { offerAcceptedV1 } from './employer/offer-accepted.v1.js';
import { offerDeclinedV1 } from './employer/offer-declined.v1.js';
import { offerExpiredV1 } from './employer/offer-expired.v1.js';
import { offerWithdrawnV1 } from './employer/offer-withdrawn.v1.js';
import { employmentCheckUpdatedV1 } from './employer/employment-check-updated.v1.js';
import { offerMadeUnconditionalV1 } from './employer/offer-made-unconditional.v1.js';
import { startDateAgreedV1 } from './employer/start-date-agreed.v1.js';
import { startedInPostV1 } from './employer/started-in-post.v1.js';
import { sustainmentDueV1 } from './employer/sustainment-due.v1.js';
import { sustainmentConfirmedV1 } from './employer/sustainment-confirmed.v1.js';
import { leftPostV1 } from './employer/left-post.v1.js';
import { firstUpcasters, journeyStalledV2ToV3, referralSubmittedV2ToV3 } from './upcasters.js';

/** Every published event type and version. Add new versions here; never edit a published one. */
export const eventCatalogue: readonly EventDefinition[] = [
  referralSubmittedV1,
  referralSubmittedV2,
  referralSubmittedV3,
  referralWithdrawnV1,
  referralWithdrawnV2,
  consentWithdrawnV1,
  consentRenewedV1,
  consentExpiredV1,
  reportingProfileSharedV1,
  participantErasedV1,
  journeyStageChangedV1,
  journeyStageChangedV2,
  journeyOutcomeRecordedV1,
  journeyOutcomeRecordedV2,
  journeyStalledV1,
  journeyStalledV2,
  journeyStalledV3,
  journeyMilestoneRecordedV1,
  programmeRulesPublishedV1,
  // training
  trainingPlaceRequestedV1,
  trainingWaitlistedV1,
  trainingSeatOfferedV1,
  trainingSeatOfferLapsedV1,
  trainingEnrolledV1,
  trainingSessionRecordedV1,
  trainingAtRiskV1,
  trainingCompletedV1,
  trainingWithdrawnV1,
  progressedToFurtherEducationV1,
  // employer
  placementProposedV1,
  placementConfirmedV1,
  placementDeclinedV1,
  placementStartedV1,
  placementCompletedV1,
  placementEndedEarlyV1,
  interviewScheduledV1,
  interviewRecordedV1,
  interviewRescheduledV1,
  interviewCancelledV1,
  offerMadeV1,
  offerAcceptedV1,
  offerDeclinedV1,
  offerExpiredV1,
  offerWithdrawnV1,
  employmentCheckUpdatedV1,
  offerMadeUnconditionalV1,
  startDateAgreedV1,
  startedInPostV1,
  sustainmentDueV1,
  sustainmentConfirmedV1,
  leftPostV1,
];

/** Upcasters from older versions to the next, for every type that has more than one version. */
export const upcasters: readonly Upcaster[] = [
  ...firstUpcasters,
  referralSubmittedV2ToV3,
  journeyStalledV2ToV3,
];
