import { createRequire } from 'node:module';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { Sinks } from '@temporalio/workflow';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Tracing } from './start-tracing.js';
import { workflowSpanProcessor } from './workflow-spans.js';

/**
 * The module of workflow interceptors that carries a trace into the workflow and from it to its
 * activities; the worker loads it, and a prebuilt bundle must include it.
 */
export const workflowTracingModule = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/** A Temporal client's interceptors: starting or signalling a workflow joins the caller's trace. */
export const temporalClientInterceptors = (): ClientInterceptors => ({
  workflow: [new OpenTelemetryWorkflowClientInterceptor()],
});

/**
 * A worker's tracing: workflow and activity spans (activities run inside theirs, so the events they
 * write carry it on), and the sink through which the workflow sandbox hands its spans out. The
 * same interceptors run whether tracing is on or off (a prebuilt bundle holds them either way);
 * off, the sink drops the workflow's spans and the activities' are no-ops.
 */
export function temporalWorkerTracing(tracing: Tracing | undefined): {
  interceptors: WorkerInterceptors;
  sinks: InjectedSinks<Sinks>;
} {
  const resource = resourceFromAttributes({ 'service.name': tracing?.serviceName ?? 'worker' });
  const exporter = tracing?.spanProcessor
    ? makeWorkflowExporter(workflowSpanProcessor(tracing.spanProcessor, resource), resource)
    : { export: { fn: () => undefined } };
  return {
    interceptors: {
      workflowModules: [workflowTracingModule],
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter },
  };
}
