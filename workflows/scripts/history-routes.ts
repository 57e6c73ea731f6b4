/**
 * The routes recorded into test/histories for the replay test: each drives one journey on the
 * time-skipping server. A history is recorded once, with the code of its day, and kept: replaying
 * old histories with new code is what catches a change that would break running journeys.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  extendDeadline,
  milestoneReported,
  reassignMentor,
  recordOutcome,
  referralWithdrawn,
  withdraw,
  type JourneyInput,
} from '@ladder/workflow-contracts';
import {
  preEmploymentChecks,
  type MilestoneCode,
  type PreEmploymentCheck,
} from '@ladder/vocabulary';
import type { journeyWorkflow } from '../src/workflows/journey.workflow.js';

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof journeyWorkflow>;
export interface HistoryRoute {
  input?: Partial<JourneyInput>;
  drive: (h: Handle, env: TestWorkflowEnvironment) => Promise<unknown>;
}

const report = (code: MilestoneCode, check?: PreEmploymentCheck) => ({
  eventId: randomUUID(),
  code,
  occurredAt: new Date().toISOString(),
  ...(check ? { check } : {}),
});
const signalAll = async (h: Handle, codes: readonly MilestoneCode[]): Promise<void> => {
  for (const code of codes) await h.signal(milestoneReported, report(code));
};
const clearChecks = async (
  h: Handle,
  checks: readonly PreEmploymentCheck[] = preEmploymentChecks,
): Promise<void> => {
  for (const check of checks) await h.signal(milestoneReported, report('check-cleared', check));
};
const engagedAndTrained = [
  'acknowledged',
  'first-contact',
  'mentor-assigned',
  'action-plan-agreed',
  'training-enrolled',
  'training-completed',
] as const;
const opsEnds = (outcome: 'work-experience' | 'volunteering' | 'further-education') => ({
  drive: async (h: Handle) => {
    await signalAll(h, ['acknowledged']);
    await h.executeUpdate(recordOutcome, { args: [{ outcome }] });
    return h.result();
  },
});

export const historyRoutes: Record<string, HistoryRoute> = {
  'hired-and-sustained': {
    drive: async (h) => {
      await signalAll(h, [
        ...engagedAndTrained,
        'placement-matched',
        'placement-confirmed',
        'placement-started',
        'placement-completed',
        'offer-made',
        'offer-accepted',
      ]);
      await clearChecks(h);
      await signalAll(h, ['started-in-post']);
      return h.result();
    },
  },
  withdrawn: {
    drive: async (h) => {
      await signalAll(h, ['acknowledged']);
      await h.signal(referralWithdrawn, {
        eventId: randomUUID(),
        reasonCode: 'moved-away',
        occurredAt: new Date().toISOString(),
      });
      return h.result();
    },
  },
  'further-education-by-ops': opsEnds('further-education'),
  'work-experience-by-ops': opsEnds('work-experience'),
  'volunteering-by-ops': opsEnds('volunteering'),
  'disengaged-after-missed-deadlines': { drive: (h) => h.result() },
  'not-eligible': { input: { eligible: false }, drive: (h) => h.result() },
  /** Every later deadline missed once, with each ops update on the way, then withdrawn by ops. */
  'deadline-breaches-and-ops-updates': {
    drive: async (h, env) => {
      await signalAll(h, ['acknowledged', 'first-contact']);
      await h.executeUpdate(reassignMentor, { args: [{ mentorId: 'mentor-7' }] });
      await signalAll(h, ['action-plan-agreed', 'training-enrolled']);
      await env.sleep('90 days');
      await h.executeUpdate(extendDeadline, {
        args: [{ deadline: 'training-completion', days: 14 }],
      });
      await signalAll(h, ['training-completed', 'placement-matched']);
      await env.sleep('30 days');
      await signalAll(h, ['placement-confirmed', 'offer-made']);
      await env.sleep('12 days');
      await signalAll(h, ['offer-accepted']);
      await clearChecks(h, preEmploymentChecks.slice(0, 5));
      await env.sleep('45 days');
      await h.executeUpdate(withdraw, { args: [{ reasonCode: 'checks-not-completed' }] });
      return h.result();
    },
  },
  /** The offer declined, then a second placement and offer lead to the job. */
  'offer-declined-then-hired': {
    drive: async (h) => {
      await signalAll(h, [
        ...engagedAndTrained,
        'placement-matched',
        'placement-confirmed',
        'offer-made',
        'offer-declined',
        'placement-matched',
        'placement-confirmed',
        'offer-made',
        'offer-accepted',
      ]);
      await clearChecks(h);
      await signalAll(h, ['started-in-post']);
      return h.result();
    },
  },
};
