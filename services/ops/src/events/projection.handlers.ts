import {
  journeyOutcomeRecordedV2,
  journeyStageChangedV2,
  journeyStalledV2,
  referralSubmittedV2,
  referralWithdrawnV2,
  topics,
} from '@ladder/events';
import type { EventHandler } from '@ladder/kafka';
import type { Queryable } from '@ladder/db';
import {
  lockJourney,
  insertMilestone,
  recordReferral,
  refreshJourneys,
  type JourneyKey,
  type MilestoneRow,
} from '../db/projection.repository.js';
import { on } from './typed-handler.js';

/** The topics the read model is projected from. */
export const projectedTopics = [topics.referrals, topics.journeys] as const;

/** The read model's consumer group, before its generation. */
export const projectionGroupBase = 'ops-service.read-model';

async function project(
  tx: Queryable,
  key: JourneyKey,
  milestone: Omit<MilestoneRow, 'referralId'>,
): Promise<void> {
  await lockJourney(tx, key, milestone.occurredAt);
  await insertMilestone(tx, { ...milestone, referralId: key.referralId });
  await refreshJourneys(tx, [key.referralId]);
}

/**
 * Projects referrals and journeys into the read model. Each handler records the event as a
 * milestone (keyed by event id) and derives the journey's row again from all its milestones, so
 * a duplicate changes nothing and events arriving out of order give the same row.
 */
export function projectionHandlers(): Record<string, EventHandler> {
  return Object.fromEntries([
    on(referralSubmittedV2, async (data, event, { tx }) => {
      await recordReferral(tx, {
        referralId: data.referralId,
        participantId: data.participantId,
        programmeId: data.programmeId,
        referrerOrganisationId: data.referrerOrganisationId,
        programmeVersion: data.programmeVersion,
        eligibility: data.eligibility.decision,
        referredAt: data.submittedAt,
      });
      await project(tx, data, {
        eventId: event.id,
        kind: 'referral',
        code: 'referral-submitted',
        occurredAt: data.submittedAt,
        detail: { eligibility: data.eligibility.decision },
      });
    }),
    on(referralWithdrawnV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'referral',
        code: 'referral-withdrawn',
        occurredAt: data.withdrawnAt,
        detail: { reasonCode: data.reasonCode },
      });
    }),
    on(journeyStageChangedV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'stage',
        code: data.stage,
        occurredAt: data.occurredAt,
        detail: { previousStage: data.previousStage },
      });
    }),
    on(journeyOutcomeRecordedV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'outcome',
        code: data.outcome,
        occurredAt: data.occurredAt,
        detail: { reasonCode: data.reasonCode ?? null, final: data.final },
      });
    }),
    on(journeyStalledV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'stall',
        code: data.deadline,
        occurredAt: data.occurredAt,
        detail: {
          stage: data.stage,
          dueAt: data.dueAt,
          waitingFor: data.waitingFor,
          from: data.from,
          escalated: data.escalated,
        },
      });
    }),
  ]);
}
