import type { EventDefinition, Upcaster } from './define-event.js';
import { journeyOutcomeRecordedV1 } from './journey/journey-outcome-recorded.v1.js';
import { journeyOutcomeRecordedV2 } from './journey/journey-outcome-recorded.v2.js';
import { journeyStageChangedV1 } from './journey/journey-stage-changed.v1.js';
import { journeyStageChangedV2 } from './journey/journey-stage-changed.v2.js';
import { journeyStalledV1 } from './journey/journey-stalled.v1.js';
import { journeyStalledV2 } from './journey/journey-stalled.v2.js';
import { programmeRulesPublishedV1 } from './referral/programme-rules-published.v1.js';
import { referralSubmittedV1 } from './referral/referral-submitted.v1.js';
import { referralSubmittedV2 } from './referral/referral-submitted.v2.js';
import { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';
import { referralWithdrawnV2 } from './referral/referral-withdrawn.v2.js';
import { firstUpcasters } from './upcasters.js';

/** Every published event type and version. Add new versions here; never edit a published one. */
export const eventCatalogue: readonly EventDefinition[] = [
  referralSubmittedV1,
  referralSubmittedV2,
  referralWithdrawnV1,
  referralWithdrawnV2,
  journeyStageChangedV1,
  journeyStageChangedV2,
  journeyOutcomeRecordedV1,
  journeyOutcomeRecordedV2,
  journeyStalledV1,
  journeyStalledV2,
  programmeRulesPublishedV1,
];

/** Upcasters from older versions to the next, for every type that has more than one version. */
export const upcasters: readonly Upcaster[] = [...firstUpcasters];
