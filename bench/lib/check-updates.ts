/**
 * The check updates the employer benchmark sends, how one is recognised at each hop (the
 * employer's outbox row, the Kafka message, the journey's signal and state), and when each
 * journey applied it, read from its history.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type PayloadCodec } from '@temporalio/common';
import {
  preEmploymentChecks,
  type CheckOwner,
  type CheckStatus,
  type PreEmploymentCheck,
} from '@ladder/vocabulary';
import type { JourneyState, MilestoneReport } from '@ladder/workflow-contracts';
import { historyEventType, timestampMs, type HopRecorder } from './journey-hops.js';
import { mapAtOnce } from './map-at-once.js';

/** The points an update passes, in order; `applied` (the journey's state shows it) is the end. */
export const updatePoints = [
  'requested', // the benchmark sent the PUT
  'outboxWritten', // the employer's outbox row (created_at: its transaction's start)
  'answered', // the employer service answered 200
  'relayRead', // published_at: the start of the relay pass that sent it
  'kafkaSent', // the Kafka message's CreateTime
  'kafkaDelivered', // a bench-only consumer group received it
  'signaled', // WorkflowExecutionSignaled, by Temporal's clock
  'applied', // the first workflow task completed after the signal: the query shows it from here
] as const;
export type UpdatePoint = (typeof updatePoints)[number];

/** One check update: which offer and check, the request's body and what the journey shows. */
export interface CheckUpdate {
  key: string;
  journey: number;
  offerId: string;
  check: PreEmploymentCheck;
  body: Record<string, unknown>;
  shows: { status: CheckStatus; owner: CheckOwner | null; dueOn: string | null };
}

/** The key that names one update at every hop: its offer, check, status and due day. */
export const updateKey = (
  offerId: string,
  check: string,
  status: string,
  dueOn: string | null | undefined,
): string => `${offerId}|${check}|${status}|${dueOn ?? ''}`;

/** The states a check moves through before its last round (never final, so it can move again). */
const openStates = [
  { status: 'in-progress', owner: 'employer' },
  { status: 'waiting-for-candidate', owner: 'participant' },
  { status: 'waiting-for-third-party', owner: 'third-party', thirdParty: 'referee' },
] as const;

/**
 * `total` updates over the offers' six checks, in rounds: a round moves every check once, check
 * by check across all offers (so one offer is updated every `offers` updates, and one check every
 * round). Each round has its own due day, so every update is a new state; the last round clears.
 */
export function planUpdates(offerIds: readonly string[], total: number): CheckUpdate[] {
  const perRound = offerIds.length * preEmploymentChecks.length;
  const rounds = Math.ceil(total / perRound);
  const updates: CheckUpdate[] = [];
  for (let i = 0; i < total; i += 1) {
    const round = Math.floor(i / perRound);
    const inRound = i % perRound;
    const check = preEmploymentChecks[Math.floor(inRound / offerIds.length)]!;
    const journey = inRound % offerIds.length;
    const offerId = offerIds[journey]!;
    if (round === rounds - 1) {
      const evidenceSeenOn = [new Date().toISOString().slice(0, 10)];
      updates.push({
        key: updateKey(offerId, check, 'cleared', null),
        journey,
        offerId,
        check,
        body: { status: 'cleared', evidenceSeenOn },
        shows: { status: 'cleared', owner: null, dueOn: null },
      });
      continue;
    }
    const state = openStates[round % openStates.length]!;
    const dueOn = new Date(Date.now() + (7 + round) * 86_400_000).toISOString().slice(0, 10);
    updates.push({
      key: updateKey(offerId, check, state.status, dueOn),
      journey,
      offerId,
      check,
      body: { ...state, dueOn },
      shows: { status: state.status, owner: state.owner, dueOn },
    });
  }
  return updates;
}

/** True when the journey's state shows the update (its check's status, owner and due day). */
export function stateShows(state: JourneyState | undefined, update: CheckUpdate): boolean {
  const shown = state?.checks[update.check];
  return (
    shown !== undefined &&
    shown.status === update.shows.status &&
    shown.owner === update.shows.owner &&
    (shown.dueAt?.slice(0, 10) ?? null) === update.shows.dueOn
  );
}

/**
 * Reads each journey's history (8 at a time): when each check update's signal was recorded, and
 * when the first workflow task after it completed (a query answers from the state that task left,
 * so that is when the journey's state shows it). Signals are decoded with the worker's codec.
 */
export async function recordAppliedUpdates(
  client: Client,
  codec: PayloadCodec,
  workflowIds: readonly string[],
  hops: HopRecorder<UpdatePoint>,
): Promise<void> {
  await mapAtOnce(workflowIds, 8, async (workflowId) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    let waiting: string[] = [];
    for (const event of history.events ?? []) {
      const type = Number(event.eventType);
      const signal = event.workflowExecutionSignaledEventAttributes;
      if (
        type === historyEventType.workflowSignaled &&
        signal?.signalName === 'milestoneReported'
      ) {
        const [payload] = await codec.decode(signal.input?.payloads ?? []);
        const report = defaultPayloadConverter.fromPayload<MilestoneReport>(payload!);
        if (report.code !== 'check-updated' || !report.ref || !report.check) continue;
        const key = updateKey(
          report.ref,
          report.check,
          report.checkStatus ?? '',
          report.dueAt?.slice(0, 10),
        );
        hops.set(key, 'signaled', timestampMs(event.eventTime));
        waiting.push(key);
      } else if (type === historyEventType.workflowTaskCompleted) {
        for (const key of waiting) hops.set(key, 'applied', timestampMs(event.eventTime));
        waiting = [];
      }
    }
  });
}
