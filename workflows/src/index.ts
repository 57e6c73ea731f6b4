export {
  createJourneyActivities,
  type JourneyActivities,
} from './activities/journey.activities.js';
export type { PublishJourneyEventsInput } from './activities/journey-event.js';
export { referralBridgeHandlers } from './bridge/referral-bridge.js';
export { consentBridgeHandlers } from './bridge/consent-bridge.js';
export { workerMigrationsDir, workflowsPath } from './worker.js';
