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
  recordMilestone,
  recordOutcome,
  referralWithdrawn,
  withdraw,
  type JourneyInput,
  type MilestoneReport,
  type StaffMilestoneRecord,
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

const report = (
  code: MilestoneCode,
  details: PreEmploymentCheck | Omit<Partial<MilestoneReport>, 'code'> = {},
): MilestoneReport => ({
  eventId: randomUUID(),
  code,
  occurredAt: new Date().toISOString(),
  ...(typeof details === 'string' ? { check: details } : details),
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

/** Staff record each milestone through the journey's update, as the ops forms do. */
const staffRecordAll = async (
  h: Handle,
  records: readonly (StaffMilestoneRecord['code'] | Omit<StaffMilestoneRecord, 'recordedBy'>)[],
): Promise<void> => {
  for (const r of records) {
    const record = typeof r === 'string' ? { code: r } : r;
    await h.executeUpdate(recordMilestone, { args: [{ ...record, recordedBy: 'staff-demo-1' }] });
  }
};

/** A work-experience placement, as the employer's events report it: proposed to completed. */
const workExperiencePlacement = async (h: Handle): Promise<void> => {
  for (const code of [
    'placement-proposed',
    'placement-confirmed',
    'placement-started',
    'placement-completed',
  ] as const)
    await h.signal(
      milestoneReported,
      report(code, { ref: 'placement-1', placementKind: 'work-experience' }),
    );
};

/** Engaged by staff, then a work-experience placement completed. */
const workExperienceCompleted = async (h: Handle): Promise<void> => {
  await staffRecordAll(h, ['acknowledged', 'first-contact', 'action-plan-agreed']);
  await workExperiencePlacement(h);
};

/** The offer accepted, each check updated on its way to cleared, and the first day in post. */
const checkedAndStarted = async (h: Handle, env: TestWorkflowEnvironment): Promise<void> => {
  await signalAll(h, ['offer-made', 'offer-accepted']);
  for (const check of preEmploymentChecks) {
    await h.signal(
      milestoneReported,
      report('check-updated', {
        check,
        checkStatus: 'waiting-for-third-party',
        checkOwner: 'third-party',
        dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      }),
    );
    await h.signal(milestoneReported, report('check-updated', { check, checkStatus: 'cleared' }));
  }
  await signalAll(h, ['offer-made-unconditional', 'start-date-agreed']);
  // Weeks in post count from the reported start, on the server's (skipping) clock.
  const startedAt = new Date(await env.currentTimeMs()).toISOString();
  await h.signal(milestoneReported, report('started-in-post', { occurredAt: startedAt }));
};

/**
 * Routes up to `offer-declined-then-hired` were recorded before the journey's state machine
 * (patch `journey-state-machine`) and are kept exactly as they were recorded: today they would
 * be refused on the way (a start in post needs an unconditional offer and a start date). The
 * `state-machine-*` routes were recorded with it.
 */
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
  /** Two courses (one at risk and withdrawn), a placement, an early confirmation, 26 weeks. */
  'state-machine-hired-and-sustained': {
    drive: async (h, env) => {
      await signalAll(h, [
        'acknowledged',
        'first-contact',
        'mentor-assigned',
        'action-plan-agreed',
      ]);
      await h.signal(milestoneReported, report('training-enrolled', { ref: 'enrolment-1' }));
      await h.signal(milestoneReported, report('training-enrolled', { ref: 'enrolment-2' }));
      await h.signal(milestoneReported, report('training-at-risk', { ref: 'enrolment-2' }));
      await h.signal(milestoneReported, report('training-withdrawn', { ref: 'enrolment-2' }));
      await h.signal(milestoneReported, report('training-completed', { ref: 'enrolment-1' }));
      await signalAll(h, ['cv-drafted', 'cv-ready', 'mock-interview-held']);
      await signalAll(h, [
        'placement-proposed',
        'placement-confirmed',
        'placement-started',
        'placement-completed',
      ]);
      await checkedAndStarted(h, env);
      await h.signal(milestoneReported, report('sustainment-confirmed', { weeks: 13 }));
      return h.result();
    },
  },
  /** Impossible milestones refused; a declined placement, a declined offer and a failed check each send the journey back. */
  'state-machine-refusals-and-ways-back': {
    drive: async (h) => {
      await signalAll(h, ['acknowledged', 'started-in-post', 'action-plan-agreed']);
      await signalAll(h, ['offer-accepted', 'placement-proposed', 'placement-declined']);
      await signalAll(h, ['offer-made', 'offer-declined', 'offer-made', 'offer-accepted']);
      await h.signal(
        milestoneReported,
        report('check-updated', { check: 'right-to-work', checkStatus: 'failed' }),
      );
      await h.executeUpdate(withdraw, { args: [{ reasonCode: 'participant-request' }] });
      return h.result();
    },
  },
  /** Hired, past 13 weeks, then left the post: not sustained. */
  'state-machine-left-post': {
    drive: async (h, env) => {
      await signalAll(h, ['acknowledged', 'first-contact', 'action-plan-agreed']);
      await checkedAndStarted(h, env);
      await env.sleep('15 weeks');
      await h.signal(milestoneReported, report('left-post', { reasonCode: 'health' }));
      return h.result();
    },
  },
  /** Training with progression to further education, recorded once. */
  'state-machine-further-education': {
    drive: async (h) => {
      await signalAll(h, ['acknowledged', 'first-contact']);
      await h.signal(milestoneReported, report('training-enrolled', { ref: 'enrolment-1' }));
      await h.signal(milestoneReported, report('training-completed', { ref: 'enrolment-1' }));
      await signalAll(h, ['progressed-to-further-education', 'progressed-to-further-education']);
      return h.result();
    },
  },
  /**
   * Since patches `staff-milestones` and `work-experience-outcome`: engagement and employability
   * support recorded by staff (recordMilestone), a mentor assigned and published, then withdrawn.
   */
  'staff-milestones-and-support': {
    drive: async (h) => {
      await staffRecordAll(h, ['acknowledged', 'first-contact']);
      await h.executeUpdate(reassignMentor, {
        args: [{ mentorId: 'mentor-7', recordedBy: 'staff-demo-1' }],
      });
      await staffRecordAll(h, [
        'action-plan-agreed',
        'mentoring-session-missed',
        'mentoring-session-held',
        'cv-drafted',
        'cv-reviewed',
        'cv-ready',
        'mock-interview-held',
        { code: 'application-submitted', ref: 'vacancy-1' },
        { code: 'application-outcome', ref: 'vacancy-1', applicationOutcome: 'unsuccessful' },
        'volunteering-started',
      ]);
      await h.executeUpdate(withdraw, { args: [{ reasonCode: 'participant-request' }] });
      return h.result();
    },
  },
  /** A completed work-experience placement with nothing after it: the work-experience outcome. */
  'work-experience-without-a-job': {
    drive: async (h) => {
      await workExperienceCompleted(h);
      return h.result();
    },
  },
  /** A completed work-experience placement followed by an application: no outcome; withdrawn. */
  'work-experience-then-an-application': {
    drive: async (h, env) => {
      await workExperienceCompleted(h);
      await staffRecordAll(h, [{ code: 'application-submitted', ref: 'vacancy-2' }]);
      await env.sleep('35 days');
      await h.executeUpdate(withdraw, { args: [{ reasonCode: 'found-work-elsewhere' }] });
      return h.result();
    },
  },
  /**
   * Since patch `sustainment-from-employer`: a work-experience placement, the checks, the start,
   * the 13-week mark left unanswered (stalled, escalated, then answered), the 26-week confirmation.
   */
  'employer-sustainment-chased': {
    drive: async (h, env) => {
      await signalAll(h, ['acknowledged', 'first-contact', 'action-plan-agreed']);
      await workExperiencePlacement(h);
      await checkedAndStarted(h, env);
      await env.sleep('13 weeks');
      const answerDueAt = new Date((await env.currentTimeMs()) + 10 * 86_400_000).toISOString();
      await h.signal(
        milestoneReported,
        report('sustainment-due', { weeks: 13, dueAt: answerDueAt }),
      );
      await env.sleep('20 days');
      await h.signal(milestoneReported, report('sustainment-confirmed', { weeks: 13 }));
      await env.sleep('13 weeks');
      await h.signal(milestoneReported, report('sustainment-confirmed', { weeks: 26 }));
      return h.result();
    },
  },
};
