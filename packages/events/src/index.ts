export { envelopeSchema, type EventEnvelope, type RawEnvelope } from './envelope.js';
export {
  defineEvent,
  type EventDefinition,
  type EventData,
  type Upcaster,
} from './define-event.js';
export { topics, type TopicDefinition } from './topics.js';
export { createEventParser, type ParseResult } from './parse-event.js';
export { createEnvelope, type EnvelopeContext } from './create-envelope.js';
export { timeOrderedId } from './time-ordered-id.js';
export { eventCatalogue, upcasters } from './catalogue.js';
export { renderEventsMarkdown } from './render-docs.js';
export { referralSubmittedV1 } from './referral/referral-submitted.v1.js';
export { referralSubmittedV2 } from './referral/referral-submitted.v2.js';
export { referralSubmittedV3 } from './referral/referral-submitted.v3.js';
export { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';
export { referralWithdrawnV2 } from './referral/referral-withdrawn.v2.js';
export { consentWithdrawnV1, withdrawalCovers } from './referral/consent-withdrawn.v1.js';
export { consentRenewedV1 } from './referral/consent-renewed.v1.js';
export { consentExpiredV1 } from './referral/consent-expired.v1.js';
export {
  reportingProfileContext,
  reportingProfileSchema,
  reportingProfileSealedBytes,
  reportingProfileSharedV1,
  type ReportingProfile,
} from './referral/reporting-profile-shared.v1.js';
export { participantErasedV1 } from './referral/participant-erased.v1.js';
export { programmeRulesPublishedV1 } from './referral/programme-rules-published.v1.js';
export { journeyStageChangedV1 } from './journey/journey-stage-changed.v1.js';
export { journeyStageChangedV2 } from './journey/journey-stage-changed.v2.js';
export { journeyOutcomeRecordedV1 } from './journey/journey-outcome-recorded.v1.js';
export { journeyOutcomeRecordedV2 } from './journey/journey-outcome-recorded.v2.js';
export { journeyStalledV1 } from './journey/journey-stalled.v1.js';
export { journeyStalledV2 } from './journey/journey-stalled.v2.js';
export { journeyStalledV3 } from './journey/journey-stalled.v3.js';
export { journeyMilestoneRecordedV1 } from './journey/journey-milestone-recorded.v1.js';
// training
export { trainingPlaceRequestedV1 } from './training/training-place-requested.v1.js';
export { trainingWaitlistedV1 } from './training/training-waitlisted.v1.js';
export { trainingSeatOfferedV1 } from './training/training-seat-offered.v1.js';
export { trainingSeatOfferLapsedV1 } from './training/training-seat-offer-lapsed.v1.js';
export { trainingEnrolledV1 } from './training/training-enrolled.v1.js';
export { trainingSessionRecordedV1 } from './training/training-session-recorded.v1.js';
export { trainingAtRiskV1 } from './training/training-at-risk.v1.js';
export { trainingCompletedV1 } from './training/training-completed.v1.js';
export { trainingWithdrawnV1 } from './training/training-withdrawn.v1.js';
export { progressedToFurtherEducationV1 } from './training/progressed-to-further-education.v1.js';
export { trainingEventMilestones } from './training/training-milestones.js';
// employer
export { placementProposedV1 } from './employer/placement-proposed.v1.js';
export { placementConfirmedV1 } from './employer/placement-confirmed.v1.js';
export { placementDeclinedV1 } from './employer/placement-declined.v1.js';
export { placementStartedV1 } from './employer/placement-started.v1.js';
export { placementCompletedV1 } from './employer/placement-completed.v1.js';
export { placementEndedEarlyV1 } from './employer/placement-ended-early.v1.js';
export { interviewScheduledV1 } from './employer/interview-scheduled.v1.js';
export { interviewRecordedV1 } from './employer/interview-recorded.v1.js';
export { interviewRescheduledV1 } from './employer/interview-rescheduled.v1.js';
export { interviewCancelledV1 } from './employer/interview-cancelled.v1.js';
export { offerMadeV1 } from './employer/offer-made.v1.js';
export { offerAcceptedV1 } from './employer/offer-accepted.v1.js';
export { offerDeclinedV1 } from './employer/offer-declined.v1.js';
export { offerExpiredV1 } from './employer/offer-expired.v1.js';
export { offerWithdrawnV1 } from './employer/offer-withdrawn.v1.js';
export { employmentCheckUpdatedV1 } from './employer/employment-check-updated.v1.js';
export { offerMadeUnconditionalV1 } from './employer/offer-made-unconditional.v1.js';
export { startDateAgreedV1 } from './employer/start-date-agreed.v1.js';
export { startedInPostV1 } from './employer/started-in-post.v1.js';
export { sustainmentDueV1 } from './employer/sustainment-due.v1.js';
export { sustainmentConfirmedV1 } from './employer/sustainment-confirmed.v1.js';
export { leftPostV1 } from './employer/left-post.v1.js';
export {
  employerEventMilestones,
  employerEventsWithoutMilestone,
  employerMilestoneCode,
  interviewAttendanceMilestones,
} from './employer/employer-milestones.js';
