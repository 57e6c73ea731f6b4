import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  extendDeadline,
  journeyState,
  consentChanged,
  milestoneReported,
  recordOutcome,
  referralWithdrawn,
  type JourneyState,
} from '@ladder/workflow-contracts';
import { preEmploymentChecks } from '@ladder/vocabulary';
import type { JourneyEventToPublish } from '../src/activities/journey-event.js';
import { journeyWorkflow } from '../src/workflows/journey.workflow.js';
import { journeyInput, report, timeSkippingJourneys, workflowIdOf } from './journey-harness.js';

describe('the journey, on the time-skipping server', () => {
  const journeys = timeSkippingJourneys();
  const { start } = journeys;
  const eventsOf = (sequenceFrom: number) => journeys.published.slice(sequenceFrom);

  it('when every milestone arrives and the employer confirms both marks, then the participant is hired and sustained at 13 and 26 weeks', async () => {
    const from = journeys.published.length;
    const handle = await start(journeyInput());
    for (const code of [
      'acknowledged',
      'first-contact',
      'mentor-assigned',
      'action-plan-agreed',
      'training-enrolled',
      'training-completed',
      'placement-matched',
      'placement-confirmed',
      'placement-started',
      'placement-completed',
      'interview-held',
      'offer-made',
      'offer-accepted',
    ] as const) {
      await handle.signal(milestoneReported, report(code));
    }
    for (const check of preEmploymentChecks)
      await handle.signal(milestoneReported, report('check-cleared', { check }));
    for (const code of [
      'offer-made-unconditional',
      'start-date-agreed',
      'started-in-post',
    ] as const)
      await handle.signal(milestoneReported, report(code));
    // Since the patch sustainment-from-employer, the employer's confirmations give the outcomes.
    for (const weeks of [13, 26] as const) {
      const answerDueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
      await handle.signal(
        milestoneReported,
        report('sustainment-due', { weeks, dueAt: answerDueAt }),
      );
      await handle.signal(milestoneReported, report('sustainment-confirmed', { weeks }));
    }
    const final = await handle.result();

    expect(final.outcomes.map((o) => o.outcome)).toEqual([
      'hired',
      'sustained-13-weeks',
      'sustained-26-weeks',
    ]);
    expect(final.stage).toBe('closed');
    const kinds = eventsOf(from).map((e) =>
      e.kind === 'outcome-recorded'
        ? e.outcome
        : e.kind === 'stage-changed'
          ? `stage:${e.stage}`
          : e.kind === 'stalled'
            ? `stalled:${e.deadline}`
            : e.code,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'stage:engagement',
        'stage:employability',
        'stage:training',
        'stage:placement',
        'stage:offer',
        'stage:pre-employment-checks',
        'stage:in-work',
        'hired',
        'sustained-13-weeks',
        'sustained-26-weeks',
        'stage:closed',
      ]),
    );
    expect(kinds.filter((k) => k.startsWith('stalled'))).toEqual([]);
  });

  it.each(['work-experience', 'further-education', 'volunteering'] as const)(
    'when ops record %s, then the journey ends with it, once',
    async (outcome) => {
      const handle = await start(journeyInput());
      await handle.signal(milestoneReported, report('acknowledged'));
      await handle.executeUpdate(recordOutcome, { args: [{ outcome }] });
      const final = await handle.result();
      expect(final.outcomes.map((o) => o.outcome)).toEqual([outcome]);
    },
  );

  it('when the referral is withdrawn, then the outcome is withdrawn with its reason', async () => {
    const handle = await start(journeyInput());
    await handle.signal(referralWithdrawn, {
      eventId: 'e-1',
      reasonCode: 'moved-away',
      occurredAt: new Date().toISOString(),
    });
    expect((await handle.result()).outcomes).toEqual([
      expect.objectContaining({ outcome: 'withdrawn', reasonCode: 'moved-away' }),
    ]);
  });

  it('when the referral was not eligible, then the journey records that and ends', async () => {
    const final = await (await start(journeyInput({ eligible: false }))).result();
    expect(final.outcomes.map((o) => o.outcome)).toEqual(['not-eligible']);
  });

  it('when nobody contacts the participant, then acknowledge and first-contact stall, escalate, and the participant is disengaged', async () => {
    const from = journeys.published.length;
    const input = journeyInput();
    const final = await (await start(input)).result();
    expect(final.outcomes.map((o) => o.outcome)).toEqual(['disengaged']);
    const stalls = eventsOf(from).filter(
      (e): e is Extract<JourneyEventToPublish, { kind: 'stalled' }> => e.kind === 'stalled',
    );
    expect(stalls.map((s) => `${s.deadline}${s.escalated ? '!' : ''}`)).toEqual(
      expect.arrayContaining(['acknowledge', 'acknowledge!', 'first-contact', 'first-contact!']),
    );
  });

  it.each([
    [
      'training-completion',
      [
        'acknowledged',
        'first-contact',
        'mentor-assigned',
        'action-plan-agreed',
        'training-enrolled',
      ],
      90,
    ],
    [
      'placement-confirmation',
      [
        'acknowledged',
        'first-contact',
        'mentor-assigned',
        'action-plan-agreed',
        'placement-matched',
      ],
      30,
    ],
    [
      'offer-response',
      ['acknowledged', 'first-contact', 'mentor-assigned', 'action-plan-agreed', 'offer-made'],
      12,
    ],
    [
      'pre-employment-checks',
      [
        'acknowledged',
        'first-contact',
        'mentor-assigned',
        'action-plan-agreed',
        'offer-made',
        'offer-accepted',
      ],
      45,
    ],
  ] as const)(
    'when %s passes with nothing done, then JourneyStalled is raised for it',
    async (deadline, milestones, days) => {
      const from = journeys.published.length;
      const handle = await start(journeyInput());
      for (const code of milestones) await handle.signal(milestoneReported, report(code));
      await journeys.env.sleep(`${days} days`);
      const state = await handle.query(journeyState);
      expect(state.deadlines.find((d) => d.name === deadline)?.state).toMatch(/escalated|missed/);
      expect(eventsOf(from).some((e) => e.kind === 'stalled' && e.deadline === deadline)).toBe(
        true,
      );
      await handle.terminate('test done');
    },
  );

  it('when milestones arrive twice or out of order, then each is recorded once and the stage is right', async () => {
    const handle = await start(journeyInput());
    const plan = report('action-plan-agreed');
    const contact = report('first-contact');
    await handle.signal(milestoneReported, plan);
    await handle.signal(milestoneReported, contact);
    await handle.signal(milestoneReported, plan);
    await handle.signal(milestoneReported, report('acknowledged'));
    await handle.signal(milestoneReported, contact);
    // Signals are delivered asynchronously: wait until all three have been applied.
    let state = await handle.query(journeyState);
    for (let i = 0; i < 50 && state.milestones.length < 3; i += 1)
      state = await handle.query(journeyState);
    expect(state.milestones.map((m) => m.code).sort()).toEqual([
      'acknowledged',
      'action-plan-agreed',
      'first-contact',
    ]);
    expect(state.stage).toBe('employability');
    expect(state.waitingFor).toEqual({ what: 'a CV ready to send', from: 'programme-operator' });
    await handle.terminate('test done');
  });

  /** Queries until `done` holds: signals are applied asynchronously. */
  const queryUntil = async (
    handle: Pick<Awaited<ReturnType<typeof start>>, 'query'>,
    done: (state: JourneyState) => boolean,
  ): Promise<JourneyState> => {
    let state = await handle.query(journeyState);
    for (let i = 0; i < 100 && !done(state); i += 1) state = await handle.query(journeyState);
    return state;
  };

  it('when a milestone arrives with the start (signal-with-start), then it is applied in engagement, not refused', async () => {
    const input = journeyInput();
    const handle = await journeys.env.client.workflow.signalWithStart(journeyWorkflow, {
      taskQueue: journeys.taskQueue,
      workflowId: workflowIdOf(input),
      args: [input],
      signal: milestoneReported,
      signalArgs: [report('acknowledged')],
    });
    const state = await queryUntil(handle, (s) => s.milestones.length > 0);
    expect(state.milestones.map((m) => m.code)).toEqual(['acknowledged']);
    expect(state.refusals).toEqual([]);
    expect(state.stage).toBe('engagement');
    await handle.terminate('test done');
  });

  it('when an impossible milestone is reported, then the journey refuses it, shows why in its query and does not move', async () => {
    const from = journeys.published.length;
    const handle = await start(journeyInput());
    const hiredWithNoOffer = report('started-in-post');
    await handle.signal(milestoneReported, report('acknowledged'));
    await handle.signal(milestoneReported, hiredWithNoOffer);
    await handle.signal(milestoneReported, report('offer-accepted'));
    const state = await queryUntil(handle, (s) => s.refusals.length === 2);

    expect(state.refusals).toEqual([
      expect.objectContaining({
        eventId: hiredWithNoOffer.eventId,
        code: 'started-in-post',
        stage: 'engagement',
        reason: 'missing-prerequisite',
      }),
      expect.objectContaining({ code: 'offer-accepted', reason: 'missing-prerequisite' }),
    ]);
    expect(state.stage).toBe('engagement');
    expect(state.outcomes).toEqual([]);
    expect(state.milestones.map((m) => m.code)).toEqual(['acknowledged']);
    expect(eventsOf(from).filter((e) => e.kind === 'outcome-recorded')).toEqual([]);
    await handle.terminate('test done');
  });

  it('when consent expires, then the journey waits for the referrer to renew it; a renewal clears it', async () => {
    const handle = await start(journeyInput());
    await handle.signal(consentChanged, {
      eventId: randomUUID(),
      change: 'expired',
      at: new Date().toISOString(),
    });
    const expired = await queryUntil(handle, (s) => s.consent?.expired === true);
    expect(expired.waitingFor).toEqual({ what: 'renewed consent', from: 'referrer' });
    expect(expired.stage).toBe('engagement');

    const renewal = {
      eventId: randomUUID(),
      change: 'renewed' as const,
      at: new Date().toISOString(),
      expiresAt: '2028-01-01T00:00:00.000Z',
    };
    await handle.signal(consentChanged, renewal);
    await handle.signal(consentChanged, renewal); // redelivered: applied once
    const renewed = await queryUntil(handle, (s) => s.consent?.expired === false);
    expect(renewed.consent).toEqual({
      expired: false,
      expiresAt: '2028-01-01T00:00:00.000Z',
      withdrawals: [],
    });
    expect(renewed.waitingFor?.from).toBe('programme-operator');
    await handle.terminate('test done');
  });

  it('when a check fails, then the journey goes back to employability support and a new offer can still hire', async () => {
    const handle = await start(journeyInput());
    for (const code of ['action-plan-agreed', 'offer-made', 'offer-accepted'] as const)
      await handle.signal(milestoneReported, report(code));
    await handle.signal(
      milestoneReported,
      report('check-updated', {
        check: 'criminal-record-and-barring',
        checkStatus: 'waiting-for-third-party',
        checkOwner: 'third-party',
        dueAt: '2027-01-15T00:00:00.000Z',
      }),
    );
    const waiting = await queryUntil(
      handle,
      (s) => s.checks['criminal-record-and-barring'].status !== 'not-started',
    );
    expect(waiting.checks['criminal-record-and-barring']).toEqual({
      status: 'waiting-for-third-party',
      owner: 'third-party',
      dueAt: '2027-01-15T00:00:00.000Z',
    });
    expect(waiting.waitingFor).toEqual({
      what: 'the criminal-record-and-barring check',
      from: 'third-party',
    });
    await handle.signal(
      milestoneReported,
      report('check-updated', { check: 'criminal-record-and-barring', checkStatus: 'failed' }),
    );
    expect((await queryUntil(handle, (s) => s.stage === 'employability')).stage).toBe(
      'employability',
    );
    expect((await handle.query(journeyState)).outcomes).toEqual([]);
    await handle.terminate('test done');
  });

  it('when the participant leaves the post before 26 weeks, then the journey ends not sustained', async () => {
    const handle = await start(journeyInput());
    for (const code of ['action-plan-agreed', 'offer-made', 'offer-accepted'] as const)
      await handle.signal(milestoneReported, report(code));
    for (const check of preEmploymentChecks)
      await handle.signal(milestoneReported, report('check-cleared', { check }));
    for (const code of ['offer-made-unconditional', 'start-date-agreed'] as const)
      await handle.signal(milestoneReported, report(code));
    // Weeks in post count from the reported start: on the server's clock, which earlier tests
    // moved on (so the sustainment timers are still ahead when left-post arrives).
    const startedAt = new Date(await journeys.env.currentTimeMs()).toISOString();
    await handle.signal(milestoneReported, report('started-in-post', { occurredAt: startedAt }));
    await queryUntil(handle, (s) => s.stage === 'in-work');
    await handle.signal(milestoneReported, report('left-post', { reasonCode: 'health' }));
    const final = await handle.result();
    expect(final.outcomes.map((o) => `${o.outcome}:${o.reasonCode ?? ''}`)).toEqual([
      'hired:',
      'not-sustained:health',
    ]);
    expect(final.stage).toBe('closed');
  });

  it('when an ops update is invalid, then it is refused before it is accepted and changes nothing', async () => {
    const handle = await start(journeyInput());
    await expect(
      handle.executeUpdate(extendDeadline, { args: [{ deadline: 'acknowledge', days: 500 }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(
      handle.executeUpdate(recordOutcome, { args: [{ outcome: 'hired' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const extended = await handle.executeUpdate(extendDeadline, {
      args: [{ deadline: 'acknowledge', days: 3 }],
    });
    expect(extended.deadlines.find((d) => d.name === 'acknowledge')?.extendedByDays).toBe(3);
    expect((await handle.query(journeyState)).outcomes).toEqual([]);
    await handle.terminate('test done');
  });
});
