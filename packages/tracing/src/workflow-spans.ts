import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';

/** The span processor Temporal's workflow sink takes (its interceptors are built on SDK 1.x). */
type WorkflowSpanProcessor = Parameters<typeof makeWorkflowExporter>[0] & { onEnd: unknown };
type WorkflowSpan = Parameters<WorkflowSpanProcessor['onEnd']>[0];

/**
 * Hands the spans that Temporal's workflow sandbox produces to this process's processor. They
 * arrive in the SDK 1.x shape (`parentSpanId`, `instrumentationLibrary`), which the 2.x exporters
 * no longer read: without this their parent link (the trace!) and scope would be lost.
 */
export function workflowSpanProcessor(
  processor: SpanProcessor,
  resource: Resource,
): WorkflowSpanProcessor {
  return {
    onStart: () => undefined,
    onEnd: (span: WorkflowSpan) => processor.onEnd(currentShape(span, resource)),
    forceFlush: () => processor.forceFlush(),
    // The process's processor is shut down with the SDK, not by the worker.
    shutdown: () => Promise.resolve(),
  };
}

function currentShape(span: WorkflowSpan, resource: Resource): ReadableSpan {
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => context,
    ...(span.parentSpanId
      ? {
          parentSpanContext: {
            traceId: context.traceId,
            spanId: span.parentSpanId,
            traceFlags: context.traceFlags,
            isRemote: false,
          },
        }
      : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource,
    instrumentationScope: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
