import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  extendDeadline,
  journeyState,
  milestoneRefused,
  milestoneReported,
  referralSubmitted,
  reassignMentor,
  recordMilestone,
  recordOutcome,
  referralWithdrawn,
  consentChanged,
  withdraw,
  type JourneyInput,
  type JourneyState,
  type MilestoneReport,
  type StaffMilestoneRecord,
} from '@ladder/workflow-contracts';
import { isOpaqueId, type Outcome } from '@ladder/vocabulary';
import type { JourneyActivities } from '../activities/journey.activities.js';
import type { JourneyEventToPublish, UnnumberedJourneyEvent } from '../activities/journey-event.js';
import { addDays, addWorkingDays } from './working-days.js';
import { isChased, pendingDeadlines } from './journey-deadlines.js';
import {
  applyDerivedMilestone,
  derivedStageOf,
  derivedWaitingFor,
  refreshDerivedDeadlines,
} from './journey-derived-stage.js';
import {
  applyReport,
  deadlinePassedUnmet,
  recordJourneyOutcome,
  startJourney,
  waitingForNext,
  type Effects,
  type PatchDecisions,
} from './journey-machine.js';
import {
  escalationWorkingDays,
  hasOutcome,
  initialState,
  isEnded,
  markSeen,
  nextSustainment,
  upgradeCarried,
} from './journey-rules.js';
import { applyConsentChange } from './journey-consent.js';
import { staffRefusalOf, staffReport } from './journey-staff.js';
import { supportOf } from './journey-support.js';

const { publishJourneyEvents } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Outcomes ops may record by hand: hired and sustained come from the employer (and, on journeys
 * started before patch `sustainment-from-employer`, the clock).
 */
const opsOutcomes: readonly Outcome[] = [
  'work-experience',
  'further-education',
  'volunteering',
  'withdrawn',
  'disengaged',
];

/**
 * One participant's journey in one programme, from referral to a job that lasts (or another
 * outcome). It waits on milestones from the bridge, ops updates and durable deadline timers;
 * every step is published as an event through the worker's outbox.
 */
export async function journeyWorkflow(
  input: JourneyInput,
  carried?: JourneyState,
): Promise<JourneyState> {
  // Journeys started before the state machine keep the rules they began with, across
  // continue-as-new too (the carried state says which rules run it).
  const machine = carried ? carried.rules === 'state-machine' : patched('journey-state-machine');
  const state = carried ? upgradeCarried(carried) : initialState(input);
  if (machine) state.rules = 'state-machine';
  const fromFirstMeeting = carried
    ? carried.deadlineRules === 'from-first-meeting'
    : machine && patched('action-plan-from-first-meeting');
  if (fromFirstMeeting) state.deadlineRules = 'from-first-meeting';
  // Since this patch the employer's confirmations record the sustained outcomes (and an
  // unanswered mark is chased); journeys started before it keep the clock.
  const sustainmentFromEmployer = carried
    ? carried.sustainmentRules === 'from-employer'
    : machine && patched('sustainment-from-employer');
  if (sustainmentFromEmployer) state.sustainmentRules = 'from-employer';
  const outbox: JourneyEventToPublish[] = [];
  let changed = !carried;
  const now = (): string => new Date().toISOString();

  const emit = (event: UnnumberedJourneyEvent): void => {
    state.published += 1;
    outbox.push({ ...event, sequence: state.published });
  };
  /** Publishes what the state machine changed: the outcomes, then each move of the stage. */
  const announce = (effects: Effects): void => {
    for (const o of effects.outcomes)
      emit({
        kind: 'outcome-recorded',
        outcome: o.outcome,
        ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}),
        final: isEnded(state),
        occurredAt: o.at,
      });
    for (const move of effects.moves)
      emit({ kind: 'stage-changed', stage: move.to, previousStage: move.from, occurredAt: now() });
    if (effects.status === 'applied') changed = true;
  };
  const addOutcome = (outcome: Outcome, reasonCode?: string): void => {
    if (machine) return announce(recordJourneyOutcome(state, outcome, now(), input, reasonCode));
    if (hasOutcome(state, outcome)) return; // each outcome is recorded once
    state.outcomes.push({ outcome, at: now(), ...(reasonCode ? { reasonCode } : {}) });
    emit({
      kind: 'outcome-recorded',
      outcome,
      ...(reasonCode ? { reasonCode } : {}),
      final: isEnded(state),
      occurredAt: now(),
    });
    changed = true;
  };

  // Patches decided where they matter, not at the start, so that running journeys take them
  // too: replaying a step taken before the patch finds no marker and takes the old path.
  const patches: PatchDecisions = {
    workExperienceFollowUp: () => patched('work-experience-outcome'),
  };

  /**
   * A milestone through the rules that run this journey (the state machine, or the derived rules
   * of journeys started before it): reported by a service or recorded by staff alike.
   */
  const apply = (report: MilestoneReport): Effects => {
    if (machine) {
      const effects = applyReport(state, report, input, now(), patches);
      if (effects.refusal)
        log.warn('milestone refused', {
          code: report.code,
          stage: state.stage,
          reason: effects.refusal,
        });
      return effects;
    }
    if (isEnded(state))
      return { status: 'refused', refusal: 'journey-ended', moves: [], outcomes: [] };
    const applied = applyDerivedMilestone(state, report);
    return { status: applied ? 'applied' : 'duplicate', moves: [], outcomes: [] };
  };

  /** The state as the query and the updates answer: what it waits for and its support, afresh. */
  const view = (): JourneyState => {
    if (machine) return { ...state, waitingFor: waitingForNext(state), support: supportOf(state) };
    const current = { ...state, stage: derivedStageOf(state, input.eligible) };
    return { ...current, waitingFor: derivedWaitingFor(current), support: supportOf(current) };
  };

  // The first step comes before any handler: signals that arrive with the start (signal-with-start,
  // or sent before the first workflow task) are delivered as soon as their handler is set, and
  // must find the journey in engagement, not still at the referral.
  if (!carried && machine) announce(startJourney(state, input, now()));

  // The query works out what the journey waits for afresh (and, on the derived rules, the stage):
  // an answer given while the loop is busy publishing is never stale.
  setHandler(journeyState, view);
  setHandler(referralSubmitted, ({ eventId }) => {
    if (!state.seenEventIds.includes(eventId)) state.seenEventIds.push(eventId);
  });
  setHandler(milestoneReported, (report) => announce(apply(report)));
  setHandler(consentChanged, (change) => {
    if (isEnded(state) || !markSeen(state, change)) return;
    applyConsentChange(state, change);
  });
  setHandler(referralWithdrawn, (signal) => {
    if (isEnded(state) || state.seenEventIds.includes(signal.eventId)) return;
    state.seenEventIds.push(signal.eventId);
    addOutcome('withdrawn', signal.reasonCode);
  });
  const notEnded = (): void => {
    if (isEnded(state)) throw new Error('the journey has ended');
  };
  setHandler(
    withdraw,
    ({ reasonCode }) => {
      addOutcome('withdrawn', reasonCode);
      return view();
    },
    {
      validator: ({ reasonCode }) => {
        notEnded();
        if (!reasonCode) throw new Error('a reason code is required');
      },
    },
  );
  setHandler(
    extendDeadline,
    ({ deadline, days }) => {
      const target = state.deadlines.find((d) => d.name === deadline)!;
      target.dueAt = addDays(new Date(target.dueAt), days).toISOString();
      target.extendedByDays += days;
      if (target.state !== 'met')
        target.state = Date.parse(target.dueAt) > Date.now() ? 'open' : target.state;
      changed = true;
      return view();
    },
    {
      validator: ({ deadline, days }) => {
        notEnded();
        if (!Number.isInteger(days) || days < 1 || days > 90)
          throw new Error('days must be a whole number from 1 to 90');
        const target = state.deadlines.find((d) => d.name === deadline);
        if (!target || target.state === 'met' || target.state === 'cancelled')
          throw new Error(`no running deadline ${deadline}`);
      },
    },
  );
  setHandler(
    reassignMentor,
    ({ mentorId, recordedBy }) => {
      const at = now();
      state.mentorId = mentorId;
      state.milestones.push({ code: 'mentor-assigned', at });
      // Since this patch the assignment is published (journeys before it replay without it).
      if (patched('staff-milestones'))
        emit({
          kind: 'milestone-recorded',
          code: 'mentor-assigned',
          mentorId,
          ...(recordedBy !== undefined ? { recordedBy } : {}),
          occurredAt: at,
        });
      changed = true;
      return view();
    },
    {
      validator: ({ mentorId, recordedBy }) => {
        notEnded();
        if (!mentorId) throw new Error('a mentor id is required');
        // Ids only: the assignment is published, and a name must never pass for an id.
        if (!isOpaqueId(mentorId)) throw new Error('the mentor id is not an opaque id');
        if (recordedBy !== undefined && !isOpaqueId(recordedBy))
          throw new Error('recordedBy is not an opaque id');
        if (state.stage === 'referral') throw new Error('the participant is not engaged yet');
      },
    },
  );
  setHandler(
    recordMilestone,
    (record) => {
      const report = staffReport(record, `staff:${currentUpdateInfo()!.id}`, now());
      const effects = apply(report);
      // Validated a moment ago, so this only happens if something changed the journey since.
      if (effects.status === 'refused') throw milestoneRefused(effects.refusal ?? 'journey-ended');
      if (effects.status === 'applied')
        emit({
          kind: 'milestone-recorded',
          code: record.code,
          ...(report.ref !== undefined ? { ref: report.ref } : {}),
          ...(report.applicationOutcome ? { applicationOutcome: report.applicationOutcome } : {}),
          recordedBy: record.recordedBy,
          occurredAt: report.occurredAt,
        });
      announce(effects);
      return view();
    },
    {
      validator: (record: StaffMilestoneRecord) => {
        const refusal = staffRefusalOf(state, record, now(), machine);
        if (refusal) throw milestoneRefused(refusal);
      },
    },
  );
  setHandler(
    recordOutcome,
    ({ outcome, reasonCode }) => {
      addOutcome(outcome, reasonCode);
      return view();
    },
    {
      validator: ({ outcome }: { outcome: Outcome }) => {
        notEnded();
        if (!opsOutcomes.includes(outcome))
          throw new Error(`ops cannot record ${outcome}; allowed: ${opsOutcomes.join(', ')}`);
        if (hasOutcome(state, outcome)) throw new Error(`${outcome} is already recorded`);
      },
    },
  );

  // Derived rules: a journey started by an early withdrawal has ended already (one ending only).
  if (!carried && !machine && !input.eligible && !isEnded(state)) addOutcome('not-eligible');

  for (;;) {
    if (changed) {
      changed = false;
      if (machine) {
        state.waitingFor = waitingForNext(state);
        publishSearchAttributes(state, input);
      } else reconcileDerived(state, input, emit, addOutcome);
      state.support = supportOf(state);
    }
    if (outbox.length > 0) {
      const events = outbox.splice(0, outbox.length);
      await publishJourneyEvents({
        workflowId: workflowInfo().workflowId,
        referralId: input.referralId,
        participantId: input.participantId,
        programmeId: input.programmeId,
        events,
      });
      continue;
    }
    if (isEnded(state)) break;
    if (workflowInfo().continueAsNewSuggested) {
      // Long journeys start afresh with their state before the history grows large.
      await condition(allHandlersFinished);
      return continueAsNew<typeof journeyWorkflow>(input, state);
    }
    const next = nextTimer(state);
    const timedOut = !(await condition(
      () => changed,
      next ? Math.max(1, next.at - Date.now()) : undefined,
    ));
    if (timedOut && next) next.fire();
  }
  await condition(allHandlersFinished);
  log.info('journey ended', { outcomes: state.outcomes.map((o) => o.outcome) });
  return state;

  /** The soonest thing the clock can do: a deadline, an escalation or a sustainment check. */
  function nextTimer(s: JourneyState): { at: number; fire: () => void } | undefined {
    const candidates: { at: number; fire: () => void }[] = [];
    const deadline = pendingDeadlines(s)[0];
    if (deadline) {
      candidates.push({
        at: Date.parse(deadline.dueAt),
        fire: () => {
          changed = true;
          const { name } = deadline;
          // Nothing followed in time: the deadline passing is itself the result, not a stall.
          if (!isChased(name)) return announce(deadlinePassedUnmet(s, name, now(), input));
          const escalated = deadline.state === 'escalated';
          emit({
            kind: 'stalled',
            stage: s.stage,
            deadline: name,
            dueAt: deadline.dueAt,
            waitingFor: deadline.waitingFor,
            from: deadline.from,
            escalated,
            occurredAt: now(),
          });
          if (escalated) {
            deadline.state = 'missed';
            // No first contact even after escalation: the participant has disengaged.
            if (deadline.name === 'first-contact') addOutcome('disengaged', 'no-first-contact');
          } else {
            deadline.state = 'escalated';
            deadline.dueAt = addWorkingDays(
              new Date(deadline.dueAt),
              escalationWorkingDays,
            ).toISOString();
          }
        },
      });
    }
    const sustainment = nextSustainment(s);
    if (sustainment)
      candidates.push({ at: sustainment.at, fire: () => addOutcome(sustainment.outcome) });
    return candidates.sort((a, b) => a.at - b.at)[0];
  }
}

/**
 * The derived rules: brings stage, deadlines and search attributes up to date after anything
 * happened (state-machine journeys move as each thing happens and only publish here).
 */
function reconcileDerived(
  state: JourneyState,
  input: JourneyInput,
  emit: (event: UnnumberedJourneyEvent) => void,
  addOutcome: (outcome: Outcome) => void,
): void {
  if (state.milestones.some((m) => m.code === 'started-in-post')) addOutcome('hired');
  refreshDerivedDeadlines(state, input);
  const stage = derivedStageOf(state, input.eligible);
  if (stage !== state.stage) {
    emit({
      kind: 'stage-changed',
      stage,
      previousStage: state.stage,
      occurredAt: new Date().toISOString(),
    });
    state.stage = stage;
  }
  state.waitingFor = derivedWaitingFor(state);
  publishSearchAttributes(state, input);
}

function publishSearchAttributes(state: JourneyState, input: JourneyInput): void {
  const next = pendingDeadlines(state)[0];
  upsertSearchAttributes({
    LadderProgramme: [input.programmeId],
    LadderStage: [state.stage],
    LadderNextDeadline: next ? [new Date(next.dueAt)] : [],
  });
}
