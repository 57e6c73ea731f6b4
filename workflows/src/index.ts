export { createJourneyActivities, type JourneyActivities } from './activities/journey.activities.js';
