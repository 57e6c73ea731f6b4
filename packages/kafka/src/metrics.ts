import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The backbone's metrics, in a registry the service exposes (e.g. on `/metrics`). One instance per
 * process: pass it to the relay and the consumer runners.
 */
export class BackboneMetrics {
  readonly registry = new Registry();
  readonly outboxBacklog = new Gauge({
    name: 'ladder_outbox_backlog',
    help: 'Outbox rows not yet published',
    registers: [this.registry],
  });
  readonly outboxLagSeconds = new Gauge({
    name: 'ladder_outbox_lag_seconds',
    help: 'Age of the oldest unpublished outbox row',
    registers: [this.registry],
  });
  readonly outboxPublished = new Counter({
    name: 'ladder_outbox_published_total',
    help: 'Outbox rows published to Kafka',
    registers: [this.registry],
  });
  readonly eventsHandled = new Counter({
    name: 'ladder_events_handled_total',
    help: 'Events handled',
    labelNames: ['group', 'type'],
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'ladder_events_duplicate_total',
    help: 'Redelivered events skipped as already handled',
    labelNames: ['group'],
    registers: [this.registry],
  });
  readonly eventsSkipped = new Counter({
    name: 'ladder_events_skipped_total',
    help: 'Events of a type the consumer group has no handler for, skipped',
    labelNames: ['group', 'type'],
    registers: [this.registry],
  });
  readonly eventsRetried = new Counter({
    name: 'ladder_events_retried_total',
    help: 'Handler attempts that failed and were retried',
    labelNames: ['group'],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'ladder_events_dead_lettered_total',
    help: 'Messages sent to a dead-letter topic',
    labelNames: ['group', 'reason'],
    registers: [this.registry],
  });
  readonly handleSeconds = new Histogram({
    name: 'ladder_event_handle_seconds',
    help: 'From occurredAt to handled',
    labelNames: ['group'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
}
