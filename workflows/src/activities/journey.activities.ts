import { createHash } from 'node:crypto';
import { appendToOutbox, withTransaction, type Pool } from '@ladder/db';
import {
  createEnvelope,
  journeyMilestoneRecordedV1,
  journeyOutcomeRecordedV2,
  journeyStageChangedV2,
  journeyStalledV3,
  topics,
  type EventEnvelope,
} from '@ladder/events';
import { activeTraceparent } from '@ladder/tracing';
import type { JourneyEventToPublish, PublishJourneyEventsInput } from './journey-event.js';

/**
 * A stable event id from the journey and the event's sequence number: a retried activity (or a
 * replayed workflow) rebuilds the same id, and the outbox keeps it once.
 */
export function journeyEventId(workflowId: string, sequence: number): string {
  const hex = createHash('sha256').update(`${workflowId}#${sequence}`).digest('hex');
  // Formatted as a UUID (version 8: custom) so that it passes the envelope's uuid check.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function envelopeFor(
  input: PublishJourneyEventsInput,
  event: JourneyEventToPublish,
): EventEnvelope {
  const ids = {
    referralId: input.referralId,
    participantId: input.participantId,
    programmeId: input.programmeId,
    occurredAt: event.occurredAt,
  };
  // The activity runs in its span (Temporal's interceptors): the event carries the journey's trace on.
  const traceparent = activeTraceparent();
  const context = {
    ...(traceparent ? { traceparent } : {}),
    id: journeyEventId(input.workflowId, event.sequence),
    source: 'journey-worker',
    subject: input.participantId,
    correlationId: input.referralId,
    occurredAt: new Date(event.occurredAt),
  };
  switch (event.kind) {
    case 'stage-changed':
      return createEnvelope(
        journeyStageChangedV2,
        { ...ids, stage: event.stage, previousStage: event.previousStage },
        context,
      );
    case 'outcome-recorded':
      return createEnvelope(
        journeyOutcomeRecordedV2,
        {
          ...ids,
          outcome: event.outcome,
          final: event.final,
          ...(event.reasonCode ? { reasonCode: event.reasonCode } : {}),
        },
        context,
      );
    case 'stalled':
      return createEnvelope(
        journeyStalledV3,
        {
          ...ids,
          stage: event.stage,
          deadline: event.deadline,
          dueAt: event.dueAt,
          waitingFor: event.waitingFor,
          from: event.from,
          escalated: event.escalated,
        },
        context,
      );
    case 'milestone-recorded':
      return createEnvelope(
        journeyMilestoneRecordedV1,
        {
          ...ids,
          code: event.code,
          ...(event.ref !== undefined ? { ref: event.ref } : {}),
          ...(event.applicationOutcome ? { applicationOutcome: event.applicationOutcome } : {}),
          ...(event.mentorId ? { mentorId: event.mentorId } : {}),
          ...(event.recordedBy ? { recordedBy: event.recordedBy } : {}),
        },
        context,
      );
  }
}

/** The journey's activities over the worker's own database (its outbox). */
export function createJourneyActivities(deps: { pool: Pool }) {
  return {
    /** Publishes milestones through the outbox: once each, however often the activity is retried. */
    async publishJourneyEvents(input: PublishJourneyEventsInput): Promise<void> {
      const messages = input.events.map((event) => ({
        topic: topics.journeys.name,
        envelope: envelopeFor(input, event),
      }));
      await withTransaction(deps.pool, (tx) => appendToOutbox(tx, messages));
    },
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
