import { describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  journeyState,
  milestoneRefusalOf,
  milestoneReported,
  reassignMentor,
  recordMilestone,
  type JourneyInput,
  type JourneyState,
  type StaffMilestoneRecord,
} from '@ladder/workflow-contracts';
import type { JourneyEventToPublish } from '../src/activities/journey-event.js';
import { journeyInput, report, timeSkippingJourneys } from './journey-harness.js';

type Recorded = Extract<JourneyEventToPublish, { kind: 'milestone-recorded' }>;

describe('milestones staff record, and the work-experience outcome, on the time-skipping server', () => {
  const journeys = timeSkippingJourneys();
  const start = (input: JourneyInput = journeyInput()) => journeys.start(input);
  type Handle = Awaited<ReturnType<typeof start>>;
  const staff = (
    code: StaffMilestoneRecord['code'],
    extra: Partial<StaffMilestoneRecord> = {},
  ) => ({
    code,
    recordedBy: 'staff-caseworker-7',
    ...extra,
  });
  const record = (handle: Handle, r: StaffMilestoneRecord) =>
    handle.executeUpdate(recordMilestone, { args: [r] });
  /** Waits until the journey's published events include one that `done` accepts. */
  const eventually = async (from: number, done: (events: JourneyEventToPublish[]) => boolean) => {
    for (let i = 0; i < 100 && !done(journeys.published.slice(from)); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    return journeys.published.slice(from);
  };
  const queryUntil = async (handle: Handle, done: (state: JourneyState) => boolean) => {
    let state = await handle.query(journeyState);
    for (let i = 0; i < 100 && !done(state); i += 1) state = await handle.query(journeyState);
    return state;
  };

  // These wait on timers, so they come before any refused update: after one, the time-skipping
  // server stopped skipping time here (two timed tests after them waited out the test timeout).
  /** Into a completed work-experience placement, as the employer's events report it. */
  async function completeWorkExperience(handle: Handle): Promise<void> {
    await record(handle, staff('action-plan-agreed'));
    const placement = { ref: 'placement-1', placementKind: 'work-experience' as const };
    await handle.signal(milestoneReported, report('placement-proposed', placement));
    await handle.signal(milestoneReported, report('placement-confirmed', placement));
    await handle.signal(milestoneReported, report('placement-started', { ref: 'placement-1' }));
    await handle.signal(milestoneReported, report('placement-completed', placement));
    await queryUntil(handle, (s) =>
      s.deadlines.some((d) => d.name === 'work-experience-follow-up'),
    );
  }

  it('when a work-experience placement completes and nothing follows, then the journey ends with the work-experience outcome', async () => {
    const from = journeys.published.length;
    const handle = await start();
    await completeWorkExperience(handle);
    const final = await handle.result();
    expect(final.outcomes.map((o) => o.outcome)).toEqual(['work-experience']);
    expect(final.stage).toBe('closed');
    expect(final.deadlines.find((d) => d.name === 'work-experience-follow-up')?.state).toBe(
      'missed',
    );
    const events = journeys.published.slice(from);
    expect(events.filter((e) => e.kind === 'outcome-recorded')).toEqual([
      expect.objectContaining({ outcome: 'work-experience', final: true }),
    ]);
    // Its passing is the outcome, not a stall to chase (and every other deadline was met).
    expect(events.filter((e) => e.kind === 'stalled')).toEqual([]);
  });

  it('when an offer follows the work-experience placement, then no work-experience outcome is recorded', async () => {
    const handle = await start();
    await completeWorkExperience(handle);
    await handle.signal(milestoneReported, report('offer-made', { ref: 'offer-1' }));
    await journeys.env.sleep('35 days');
    const state = await handle.query(journeyState);
    expect(state.outcomes).toEqual([]);
    expect(state.deadlines.find((d) => d.name === 'work-experience-follow-up')?.state).toBe('met');
    expect(state.stage).toBe('offer');
    await handle.terminate('test done');
  });

  it('when staff record the first contact, then the journey applies it, meets its deadline and publishes JourneyMilestoneRecorded', async () => {
    const from = journeys.published.length;
    const handle = await start();
    const state = await record(handle, staff('first-contact'));
    expect(state.milestones.map((m) => m.code)).toEqual(['first-contact']);
    expect(state.deadlines.find((d) => d.name === 'first-contact')?.state).toBe('met');
    const events = await eventually(from, (e) => e.some((x) => x.kind === 'milestone-recorded'));
    expect(events.filter((e): e is Recorded => e.kind === 'milestone-recorded')).toEqual([
      expect.objectContaining({ code: 'first-contact', recordedBy: 'staff-caseworker-7' }),
    ]);
    await handle.terminate('test done');
  });

  it('when staff record something the stage does not allow, then the update is refused with the reason and leaves no trace', async () => {
    const from = journeys.published.length;
    const handle = await start();
    const refused = await record(handle, staff('cv-ready')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const { cause } = refused as WorkflowUpdateFailedError;
    expect(cause?.message).toBe('missing-prerequisite');
    expect(milestoneRefusalOf(cause)).toBe('missing-prerequisite');

    const shaped = await record(handle, staff('application-outcome', { ref: 'a-1' })).catch(
      (error: unknown) => (error as WorkflowUpdateFailedError).cause,
    );
    expect(milestoneRefusalOf(shaped)).toBe('incomplete-report');
    const fromElsewhere = await record(handle, {
      code: 'offer-accepted',
      recordedBy: 'staff-1',
    } as unknown as StaffMilestoneRecord).catch(
      (error: unknown) => (error as WorkflowUpdateFailedError).cause,
    );
    expect(milestoneRefusalOf(fromElsewhere)).toBe('not-recorded-by-staff');

    const state = await handle.query(journeyState);
    expect(state.milestones).toEqual([]);
    expect(state.refusals).toEqual([]);
    expect(journeys.published.slice(from).filter((e) => e.kind === 'milestone-recorded')).toEqual(
      [],
    );
    await handle.terminate('test done');
  });

  it('when staff agree the action plan, then the journey moves from engagement to employability, published after the milestone', async () => {
    const from = journeys.published.length;
    const handle = await start();
    await record(handle, staff('acknowledged'));
    await record(handle, staff('first-contact'));
    const state = await record(handle, staff('action-plan-agreed'));
    expect(state.stage).toBe('employability');
    expect(state.deadlines.find((d) => d.name === 'action-plan')?.state).toBe('met');
    expect(state.waitingFor).toEqual({ what: 'a CV ready to send', from: 'programme-operator' });
    const events = await eventually(from, (e) =>
      e.some((x) => x.kind === 'stage-changed' && x.stage === 'employability'),
    );
    const steps = events.map((e) =>
      e.kind === 'milestone-recorded' ? e.code : e.kind === 'stage-changed' ? e.stage : e.kind,
    );
    expect(steps).toEqual([
      'engagement',
      'acknowledged',
      'first-contact',
      'action-plan-agreed',
      'employability',
    ]);
    await handle.terminate('test done');
  });

  it('when support is recorded, then the query shows it and what is still to do, down to nothing', async () => {
    const handle = await start();
    await record(handle, staff('action-plan-agreed'));
    expect((await handle.query(journeyState)).support.stillToDo).toEqual([
      'cv',
      'job-application',
      'mock-interview',
      'mentoring-session',
    ]);
    await record(handle, staff('cv-drafted'));
    await record(handle, staff('cv-ready'));
    await record(handle, staff('application-submitted', { ref: 'vacancy-42' }));
    await record(
      handle,
      staff('application-outcome', { ref: 'vacancy-42', applicationOutcome: 'unsuccessful' }),
    );
    await record(handle, staff('mock-interview-missed'));
    const afterMock = await record(handle, staff('mock-interview-held'));
    expect(afterMock.support).toMatchObject({
      cv: 'ready',
      applications: [expect.objectContaining({ ref: 'vacancy-42', outcome: 'unsuccessful' })],
      mockInterviews: { held: 1, missed: 1 },
      stillToDo: ['mentoring-session'],
    });
    await record(handle, staff('mentoring-session-held'));
    const state = await handle.query(journeyState);
    expect(state.support.stillToDo).toEqual([]);
    expect(state.support.mentoringSessions).toEqual({ held: 1, missed: 0 });
    await handle.terminate('test done');
  });

  it('when ops assign a mentor, then the journey keeps the mentor and publishes the assignment with ids only', async () => {
    const from = journeys.published.length;
    const handle = await start();
    const state = await handle.executeUpdate(reassignMentor, {
      args: [{ mentorId: 'mentor-3', recordedBy: 'staff-manager-1' }],
    });
    expect(state.mentorId).toBe('mentor-3');
    const refused = await handle
      .executeUpdate(reassignMentor, { args: [{ mentorId: 'Jane Smith' }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const events = await eventually(from, (e) => e.some((x) => x.kind === 'milestone-recorded'));
    expect(events.filter((e) => e.kind === 'milestone-recorded')).toEqual([
      expect.objectContaining({
        code: 'mentor-assigned',
        mentorId: 'mentor-3',
        recordedBy: 'staff-manager-1',
      }),
    ]);
    expect((await handle.query(journeyState)).mentorId).toBe('mentor-3');
    await handle.terminate('test done');
  });
});
