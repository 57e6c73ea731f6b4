export { startTracing, currentTracing, type Tracing } from './start-tracing.js';
export { activeTraceparent, asTraceparent, contextOf, traceparentFor } from './traceparent.js';
export { inBatchSpan, inEventSpan, type TracedEvent } from './event-span.js';
export { httpTracingPlugin } from './http.js';
export {
  temporalClientInterceptors,
  temporalWorkerTracing,
  workflowTracingModule,
} from './temporal.js';
