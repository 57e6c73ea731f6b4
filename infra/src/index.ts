export {
  startThrowawayStack,
  startOrphanWatchdog,
  installServers,
  serverNames,
  testStackServerNames,
  type StackEndpoints,
  type ServerName,
  type ThrowawayStack,
} from './stack.js';
export { installTimeSkippingServer } from './components/time-skipping-server.js';
export { installSchemathesis, schemathesisVersion } from './components/schemathesis.js';
export { searchAttributes, searchAttributesForOperatorService } from './components/temporal.js';
export type { PostgresEndpoint } from './components/postgres.js';
export type { KafkaEndpoint } from './components/kafka.js';
export type { TemporalEndpoint } from './components/temporal.js';
export { installJaeger, jaegerVersion, type JaegerEndpoint } from './components/jaeger.js';
export { apps, demoCredentialsFile, type AppDefinition } from './apps.js';
export { startApp, stopApps, type RunningApp, type StartAppOptions } from './app-runner.js';
export { localSecrets } from './secrets.js';
export { chromiumPath, installChromium } from './components/chromium.js';
export {
  startSystem,
  systemAppNames,
  type RunningSystem,
  type SystemAppName,
  type SystemOptions,
} from './system.js';
