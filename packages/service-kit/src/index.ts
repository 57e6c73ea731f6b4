export { kitEnv, servicePorts, type KitConfig } from './kit-config.js';
export {
  runService,
  type Migration,
  type ServiceDefinition,
  type ServiceKit,
  type ServiceParts,
} from './run-service.js';
export {
  Lifecycle,
  startOrder,
  stopOrder,
  type Component,
  type Parts,
  type Stage,
} from './lifecycle.js';
export { periodicJob, type PeriodicJobOptions } from './periodic-job.js';
export { Readiness, type ReadinessCheck } from './readiness.js';
export { buildMetricsServer } from './metrics-server.js';
