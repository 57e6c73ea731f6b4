import {
  Client,
  Connection,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { parseKeyRing } from '@ladder/crypto';
import { AesGcmCodec } from '@ladder/crypto/payload-codec';
import {
  extendDeadline,
  journeyState,
  journeyWorkflowId,
  milestoneRefusalOf,
  reassignMentor,
  recordMilestone,
  recordOutcome,
  withdraw,
  type JourneyState,
  type StaffMilestoneRecord,
} from '@ladder/workflow-contracts';
import type { DeadlineName, MilestoneRefusal, Outcome } from '@ladder/vocabulary';
import { temporalClientInterceptors } from '@ladder/tracing';

/** Which journey: the workflow id is built from these. */
export interface JourneyKey {
  participantId: string;
  programmeId: string;
}

/** An action on a journey, as one of the workflow's updates takes it. */
export type JourneyAction =
  | { kind: 'withdraw'; reasonCode: string }
  | { kind: 'extend-deadline'; deadline: DeadlineName; days: number }
  | { kind: 'assign-mentor'; mentorId: string; recordedBy: string }
  | { kind: 'record-outcome'; outcome: Outcome; reasonCode?: string }
  /**
   * A staff milestone; `updateId` comes from the form submission, so the same form sent twice
   * records it once (Temporal answers the second with the first's result).
   */
  | { kind: 'record-milestone'; record: StaffMilestoneRecord; updateId: string };

/**
 * What an action came to: the journey's state after it, or the workflow's reason for refusing
 * (for a staff milestone, `refusal` is its code from `milestoneRefusals`).
 */
export type ActionResult =
  { ok: true; state: JourneyState } | { ok: false; reason: string; refusal?: MilestoneRefusal };

/** The journey workflows as ops staff see and act on them: its query and its updates. */
export interface Journeys {
  /** The live state, or null when there is no such journey. */
  state(key: JourneyKey): Promise<JourneyState | null>;
  act(key: JourneyKey, action: JourneyAction): Promise<ActionResult>;
}

/** The journey workflows through a Temporal client whose data converter opens the worker's payloads. */
export function temporalJourneys(client: Client): Journeys {
  const handle = (key: JourneyKey) =>
    client.workflow.getHandle(journeyWorkflowId(key.participantId, key.programmeId));
  return {
    async state(key) {
      try {
        return await handle(key).query(journeyState);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      }
    },
    async act(key, action) {
      const h = handle(key);
      try {
        const state = await (action.kind === 'withdraw'
          ? h.executeUpdate(withdraw, { args: [{ reasonCode: action.reasonCode }] })
          : action.kind === 'extend-deadline'
            ? h.executeUpdate(extendDeadline, {
                args: [{ deadline: action.deadline, days: action.days }],
              })
            : action.kind === 'assign-mentor'
              ? h.executeUpdate(reassignMentor, {
                  args: [{ mentorId: action.mentorId, recordedBy: action.recordedBy }],
                })
              : action.kind === 'record-milestone'
                ? h.executeUpdate(recordMilestone, {
                    args: [action.record],
                    updateId: action.updateId,
                  })
                : h.executeUpdate(recordOutcome, {
                    args: [
                      {
                        outcome: action.outcome,
                        ...(action.reasonCode ? { reasonCode: action.reasonCode } : {}),
                      },
                    ],
                  }));
        return { ok: true, state };
      } catch (error) {
        // The workflow's validator refused it: its message is the reason (codes, no personal data).
        if (error instanceof WorkflowUpdateFailedError) {
          const refusal = milestoneRefusalOf(error.cause);
          return refusal
            ? { ok: false, reason: refusal, refusal }
            : { ok: false, reason: error.cause?.message ?? error.message };
        }
        if (error instanceof WorkflowNotFoundError)
          return { ok: false, reason: 'the journey is not running' };
        throw error;
      }
    },
  };
}

/** A client on the worker's Temporal, with the worker's payload keys. */
export async function connectJourneys(options: {
  address: string;
  namespace: string;
  codecKeys: string;
}): Promise<{ journeys: Journeys; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({
    connection,
    namespace: options.namespace,
    dataConverter: { payloadCodecs: [new AesGcmCodec(parseKeyRing(options.codecKeys))] },
    // A staff action (an update to a journey) joins the trace of the request that made it.
    interceptors: temporalClientInterceptors(),
  });
  return { journeys: temporalJourneys(client), close: () => connection.close() };
}
