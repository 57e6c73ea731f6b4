/** The employer service as a library: for the system's own tests and benchmarks, never for services. */
export { buildApp, type AppDeps } from './app.js';
export { migrateEmployer } from './migrate.js';
export { referralHandlers } from './events/referral-handlers.js';
export type { EmployerDeps } from './use-cases/deps.js';
