import type { EventDefinition, Upcaster } from './define-event.js';
import { journeyOutcomeRecordedV1 } from './journey/journey-outcome-recorded.v1.js';
import { journeyStageChangedV1 } from './journey/journey-stage-changed.v1.js';
import { journeyStalledV1 } from './journey/journey-stalled.v1.js';
import { referralSubmittedV1 } from './referral/referral-submitted.v1.js';
import { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';

/** Every published event type and version. Add new versions here; never edit a published one. */
export const eventCatalogue: readonly EventDefinition[] = [
  referralSubmittedV1,
  referralWithdrawnV1,
  journeyStageChangedV1,
  journeyOutcomeRecordedV1,
  journeyStalledV1,
];

/** Upcasters from older versions to the next, for every type that has more than one version. */
export const upcasters: readonly Upcaster[] = [];
