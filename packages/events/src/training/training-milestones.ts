import type { MilestoneCode } from '@ladder/vocabulary';
import { progressedToFurtherEducationV1 } from './progressed-to-further-education.v1.js';
import { trainingAtRiskV1 } from './training-at-risk.v1.js';
import { trainingCompletedV1 } from './training-completed.v1.js';
import { trainingEnrolledV1 } from './training-enrolled.v1.js';
import { trainingPlaceRequestedV1 } from './training-place-requested.v1.js';
import { trainingSeatOfferedV1 } from './training-seat-offered.v1.js';
import { trainingSeatOfferLapsedV1 } from './training-seat-offer-lapsed.v1.js';
import { trainingSessionRecordedV1 } from './training-session-recorded.v1.js';
import { trainingWaitlistedV1 } from './training-waitlisted.v1.js';
import { trainingWithdrawnV1 } from './training-withdrawn.v1.js';

/**
 * Each training event (newest versions) and the journey milestone it reports: the journey and the
 * referrer's closed loop name a training step by the same code.
 */
export const trainingEventMilestones = [
  [trainingPlaceRequestedV1, 'training-place-requested'],
  [trainingWaitlistedV1, 'training-waitlisted'],
  [trainingSeatOfferedV1, 'training-seat-offered'],
  [trainingSeatOfferLapsedV1, 'training-seat-offer-lapsed'],
  [trainingEnrolledV1, 'training-enrolled'],
  [trainingSessionRecordedV1, 'training-session-recorded'],
  [trainingAtRiskV1, 'training-at-risk'],
  [trainingCompletedV1, 'training-completed'],
  [trainingWithdrawnV1, 'training-withdrawn'],
  [progressedToFurtherEducationV1, 'progressed-to-further-education'],
] as const satisfies readonly (readonly [unknown, MilestoneCode])[];
