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
export { referralWithdrawnV1 } from './referral/referral-withdrawn.v1.js';
export { referralWithdrawnV2 } from './referral/referral-withdrawn.v2.js';
export { programmeRulesPublishedV1 } from './referral/programme-rules-published.v1.js';
export { journeyStageChangedV1 } from './journey/journey-stage-changed.v1.js';
export { journeyStageChangedV2 } from './journey/journey-stage-changed.v2.js';
export { journeyOutcomeRecordedV1 } from './journey/journey-outcome-recorded.v1.js';
export { journeyOutcomeRecordedV2 } from './journey/journey-outcome-recorded.v2.js';
export { journeyStalledV1 } from './journey/journey-stalled.v1.js';
export { journeyStalledV2 } from './journey/journey-stalled.v2.js';
