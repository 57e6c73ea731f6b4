/** The training service as a library: for the system's own tests and benchmarks, never for services. */
export { buildApp, type AppDeps } from './app.js';
export { migrateTraining } from './migrate.js';
export { referralHandlers } from './events/referral-handlers.js';
export { lapseDueOffers } from './use-cases/lapse-offers.js';
export type { TrainingDeps } from './use-cases/deps.js';
