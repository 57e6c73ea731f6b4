/**
 * The employer facts of the read model: one module per table under `employer-projection/` (each
 * written from the employer's events, later events winning whatever order they arrive in), and
 * the journey columns derived from them. Handlers and the journey projection import them here.
 */
export type { EventStamp } from './employer-projection/latest-event.js';
export type { OfferRef } from './employer-projection/offer-row.js';
export {
  recordPlacement,
  type PlacementFacts,
} from './employer-projection/placement.repository.js';
export {
  recordInterviewHeld,
  recordInterviewScheduled,
} from './employer-projection/interview.repository.js';
export {
  recordEmployment,
  recordOfferAccepted,
  recordOfferStatus,
  recordOfferTerms,
  type OfferTerms,
} from './employer-projection/offer.repository.js';
export {
  lockCheckDating,
  recordCheck,
  redateCreatedChecks,
  type CheckFacts,
} from './employer-projection/pre-employment-check.repository.js';
export { recordSustainment } from './employer-projection/sustainment-mark.repository.js';
export { refreshEmployerWaits } from './employer-projection/employer-waits.repository.js';

/** The tables of the employer facts (a rebuild empties them with the rest). */
export const employerTables = [
  'placement',
  'interview',
  'offer',
  'pre_employment_check',
  'sustainment_mark',
] as const;
