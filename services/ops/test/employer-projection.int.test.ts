import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { employerView } from '../src/db/employer-facts.repository.js';
import { readModelChecksum } from '../src/db/read-model-checksum.js';
import type { EmployerView } from '../src/domain/employer-view.js';
import { rebuildReadModel } from '../src/events/rebuild.js';
import { employerEvents } from './support/employer-events.js';
import {
  bearer,
  reportScopes,
  startOpsApp,
  type Caller,
  type OpsTestApp,
} from './support/ops-app.js';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';

const programmeId = 'blmk-into-work';
const lateProgramme = 'blmk-late-rules';
const now = new Date('2026-04-20T12:00:00Z');

/** Waits until the read model says yes (the projection runs on its own). */
async function until(what: string, yes: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (await yes()) return;
    await sleep(100);
  }
  throw new Error(`the read model never showed ${what}`);
}

/** The employer's facts of a journey without their ids, to compare two made of the same steps. */
async function employerShape(t: ProjectionStack, j: MadeJourney) {
  const view: EmployerView = await employerView(t.pool, j.participantId, j.programmeId, now);
  return {
    placements: view.placements.map((p) => [p.kind, p.status, p.since]),
    interviews: view.interviews.map((i) => [i.scheduledAt, i.format, i.attendance, i.result]),
    offers: view.offers.map(({ offerId: _o, vacancyId: _v, interviewId: _i, ...o }) => o),
  };
}

async function journeyWaits(t: ProjectionStack, j: MadeJourney) {
  const { rows } = await t.pool.query(
    `select next_deadline_at, to_char(employer_check_due_on, 'YYYY-MM-DD') as employer_check_due_on,
            sustainment_answer_due_at, last_milestone_at
       from journey where referral_id = $1`,
    [j.referralId],
  );
  return rows[0] as Record<string, unknown> | undefined;
}

describe('the employer facts in the read model', () => {
  let t: ProjectionStack;
  let ops: OpsTestApp;
  let operator: Caller;
  let other: Caller;
  const made = (id = programmeId) =>
    journeyEvents({
      programmeId: id,
      referredAt: '2026-03-01T10:00:00Z',
      steps: [{ stage: 'engagement', at: '2026-03-02T09:00:00Z' }],
    });
  const checks = made();
  const scrambled = made();
  const offered = made();
  const inPost = made();
  const none = made();
  const late = made(lateProgramme);
  const facts = async () =>
    Number(
      (
        await t.pool.query<{ n: string }>(
          'select (select count(*) from journey_milestone) + (select count(*) from participant_milestone) as n',
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await startProjectionStack();
    ops = await startOpsApp(t, { now: () => now });
    operator = await ops.organisation('BLMK Academy', 'programme-operator', reportScopes);
    other = await ops.organisation('Northants ICB', 'programme-operator', reportScopes);
    await t.startProjection();
    await t.publish([
      programmeEvent(programmeId, operator.organisationId, 1, { checkDueDays: 14 }),
    ]);
    const inOrder = [
      ...checks.events,
      ...employerEvents(checks, 'checks-under-way'),
      ...offered.events,
      ...employerEvents(offered, 'offer-made'),
      ...inPost.events,
      ...employerEvents(inPost, 'in-post-sustainment-due'),
      ...none.events,
    ];
    // The employer's events come newest first and twice, before the referral they belong to.
    const employer = employerEvents(scrambled, 'checks-under-way').reverse();
    const outOfOrder = [...employer, ...employer, ...scrambled.events];
    const lateEvents = [...late.events, ...employerEvents(late, 'checks-under-way')];
    await t.publish([...inOrder, ...outOfOrder, ...lateEvents]);
    const expected = inOrder.length + employer.length + scrambled.events.length + lateEvents.length;
    await until(`${expected} facts`, async () => (await facts()) >= expected);
  });
  afterAll(async () => {
    await ops?.close();
    await t?.close();
  });

  it("when an offer is accepted and two checks move, then the journey shows the placement, interview, offer and six checks with each one's owner and due day", async () => {
    const view = await employerShape(t, checks);
    expect(view.placements).toEqual([['work-experience', 'confirmed', '2026-03-11T09:00:00.000Z']]);
    expect(view.interviews).toEqual([
      ['2026-03-20T10:00:00.000Z', 'video', 'attended', 'successful'],
    ]);
    expect(view.offers).toHaveLength(1);
    const offer = view.offers[0]!;
    expect(offer).toMatchObject({
      status: 'accepted',
      role: 'healthcare-support-worker',
      band: 'band-2',
      respondBy: '2026-03-31T17:00:00.000Z',
      acceptedAt: '2026-04-01T09:00:00.000Z',
    });
    expect(
      offer.checks.map((c) => [c.check, c.status, c.owner, c.thirdParty, c.dueOn, c.overdue]),
    ).toEqual([
      ['identity', 'cleared', null, null, null, false],
      ['right-to-work', 'not-started', 'employer', null, '2026-04-15', true],
      ['registration-and-qualifications', 'not-started', 'employer', null, '2026-04-15', true],
      [
        'employment-history-and-references',
        'waiting-for-third-party',
        'third-party',
        'referee',
        '2026-04-10',
        true,
      ],
      ['criminal-record-and-barring', 'not-started', 'employer', null, '2026-04-15', true],
      ['work-health-assessment', 'not-started', 'employer', null, '2026-04-15', true],
    ]);
    expect(await journeyWaits(t, checks)).toMatchObject({
      // the end of the references' due day
      next_deadline_at: new Date('2026-04-11T00:00:00Z'),
      employer_check_due_on: '2026-04-15',
      sustainment_answer_due_at: null,
      last_milestone_at: new Date('2026-04-03T09:00:00Z'),
    });
  });

  it('when the employer events come twice, newest first and before their referral, then the journey is as if each came once, in order', async () => {
    expect(await employerShape(t, scrambled)).toEqual(await employerShape(t, checks));
    expect(await journeyWaits(t, scrambled)).toEqual(await journeyWaits(t, checks));
  });

  it('when someone is in post and the 13-week mark is asked for, then the start and the answer due show', async () => {
    const view = await employerShape(t, inPost);
    expect(view.offers[0]).toMatchObject({
      status: 'unconditional',
      employment: {
        startsOn: '2026-05-01',
        startedOn: '2026-05-01',
        leftOn: null,
        sustainment: [
          {
            weeks: 13,
            reachedAt: '2026-07-31T09:00:00.000Z',
            answerDueAt: '2026-08-10T09:00:00.000Z',
            confirmedAt: null,
          },
        ],
      },
    });
    expect(await journeyWaits(t, inPost)).toMatchObject({
      next_deadline_at: new Date('2026-08-10T09:00:00Z'),
      employer_check_due_on: null,
      sustainment_answer_due_at: new Date('2026-08-10T09:00:00Z'),
    });
  });

  it("when a programme's rules arrive after its offers were accepted, then the checks no one has touched are dated from them", async () => {
    const undated = await employerView(t.pool, late.participantId, lateProgramme, now);
    expect(undated.offers[0]!.checks.find((c) => c.check === 'right-to-work')!.dueOn).toBeNull();
    await t.publish([
      programmeEvent(lateProgramme, operator.organisationId, 1, { checkDueDays: 7 }),
    ]);
    await until(
      'the late checks dated',
      async () => (await journeyWaits(t, late))?.employer_check_due_on === '2026-04-08',
    );
    const dated = await employerView(t.pool, late.participantId, lateProgramme, now);
    expect(dated.offers[0]!.checks.map((c) => c.dueOn)).toEqual([
      null,
      '2026-04-08',
      '2026-04-08',
      '2026-04-10',
      '2026-04-08',
      '2026-04-08',
    ]);
  });

  const ids = async (url: string, caller: Caller = operator) => {
    const res = await ops.app.inject({ method: 'GET', url, headers: bearer(caller) });
    expect(res.statusCode, url).toBe(200);
    return res.json<{ items: { referralId: string }[] }>().items.map((i) => i.referralId);
  };

  it('when journeys are filtered by a deadline within N days, then those due by then or overdue are listed, soonest first', async () => {
    const mine = `programmeId=${programmeId}&order=deadline`;
    expect(await ids(`/v1/ops/journeys?${mine}&deadlineWithinDays=0`)).toEqual([
      offered.referralId,
      ...[checks.referralId, scrambled.referralId].sort(),
    ]);
    expect(await ids(`/v1/ops/journeys?${mine}&deadlineWithinDays=120`)).toEqual([
      offered.referralId,
      ...[checks.referralId, scrambled.referralId].sort(),
      inPost.referralId,
    ]);
    expect(await ids(`/v1/ops/journeys?deadlineWithinDays=120`, other)).toEqual([]);
    const bad = await ops.app.inject({
      method: 'GET',
      url: '/v1/ops/journeys?deadlineWithinDays=-1',
      headers: bearer(operator),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('deadlineWithinDays');
  });

  it('when the journeys waiting on an employer are asked for, then an overdue check the employer holds and a sustainment answer due are listed, most overdue first', async () => {
    expect(
      await ids(
        `/v1/ops/journeys?programmeId=${programmeId}&attention=waiting-on-employer&order=overdue`,
      ),
    ).toEqual([...[checks.referralId, scrambled.referralId].sort(), inPost.referralId]);
    expect(await ids('/v1/ops/journeys?attention=waiting-on-employer', other)).toEqual([]);
    const one = await ops.app.inject({
      method: 'GET',
      url: `/v1/ops/journeys/${inPost.referralId}`,
      headers: bearer(operator),
    });
    expect(one.json()).toMatchObject({
      sustainmentAnswerDueAt: '2026-08-10T09:00:00.000Z',
      employer: { offers: [{ status: 'unconditional' }], placements: [{ status: 'confirmed' }] },
    });
    expect(one.json<{ timeline: { source: string; code: string }[] }>().timeline).toContainEqual(
      expect.objectContaining({ source: 'employer', code: 'sustainment-due' }),
    );
    const theirs = await ops.app.inject({
      method: 'GET',
      url: `/v1/ops/journeys/${inPost.referralId}`,
      headers: bearer(other),
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('when the read model is rebuilt, then the employer tables are byte for byte as they were', async () => {
    const { rows } = await t.pool.query<{ n: number }>(
      'select (select count(*) from offer)::int + (select count(*) from pre_employment_check)::int as n',
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    const checksum = await readModelChecksum(t.pool);
    expect(checksum).toContain('pre_employment_check:');
    const tables = async () => ({
      checks: (await t.pool.query('select * from pre_employment_check order by offer_id, "check"'))
        .rows,
      journeys: (await t.pool.query('select * from journey order by referral_id')).rows,
    });
    const before = await tables();
    await t.stopProjections();
    await rebuildReadModel({ ...t.options, pollMs: 100 });
    expect(await tables()).toEqual(before);
    expect(await readModelChecksum(t.pool)).toBe(checksum);
  });
});
