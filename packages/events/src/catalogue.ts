import type { EventDefinition, Upcaster } from './define-event.js';
import { referralSubmittedV1 } from './referral/referral-submitted.v1.js';
import { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';

/** Every published event type and version. Add new versions here; never edit a published one. */
export const eventCatalogue: readonly EventDefinition[] = [referralSubmittedV1, referralWithdrawnV1];

/** Upcasters from older versions to the next, for every type that has more than one version. */
export const upcasters: readonly Upcaster[] = [];
