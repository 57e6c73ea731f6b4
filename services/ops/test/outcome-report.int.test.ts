import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBreakdowns, type Outcome, type ReportBreakdown } from '@ladder/vocabulary';
import { countOutcomes } from '../src/db/outcome-report.repository.js';
import { listJourneys } from '../src/db/journeys.repository.js';
import { assembleOutcomeReport, figuresAddUp } from '../src/domain/outcome-report.js';
import {
  consentWithdrawn,
  journeyEvents,
  profileShared,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
  type Step,
} from './support/projection-stack.js';

const operator = 'org-blmk-icb';
const blmk = 'blmk-stepping-into-health';
const academy = 'blmk-academy-volunteers';
const elsewhere = 'west-midlands-100-jobs';

/** A journey that ends in `outcome` on `endedAt`, having passed through engagement first. */
function ending(programmeId: string, referredAt: string, outcome: Outcome, endedAt: string) {
  const steps: Step[] = [{ stage: 'engagement', at: referredAt.replace('T10', 'T11') }];
  if (outcome === 'sustained-26-weeks') {
    steps.push(
      { stage: 'in-work', at: '2026-02-01T09:00:00Z' },
      { outcome: 'hired', at: '2026-02-01T09:00:01Z' },
      { outcome: 'sustained-13-weeks', at: '2026-05-03T09:00:00Z' },
    );
  }
  steps.push(
    { outcome, at: endedAt, final: true },
    { stage: 'closed', at: endedAt.replace(':00Z', ':01Z') },
  );
  return journeyEvents({ programmeId, referredAt, steps });
}

describe('the outcome report', () => {
  let t: ProjectionStack;
  const journeys: MadeJourney[] = [];
  const asOf = '2026-12-01T00:00:00Z';

  beforeAll(async () => {
    t = await startProjectionStack();
    await t.startProjection();
    journeys.push(
      ending(blmk, '2026-01-05T10:00:00Z', 'sustained-26-weeks', '2026-08-02T09:00:00Z'),
      ending(blmk, '2026-01-06T10:00:00Z', 'work-experience', '2026-04-01T09:00:00Z'),
      ending(blmk, '2026-01-07T10:00:00Z', 'further-education', '2026-06-01T09:00:00Z'),
      ending(blmk, '2026-02-03T10:00:00Z', 'further-education', '2026-06-02T09:00:00Z'),
      ending(blmk, '2026-02-04T10:00:00Z', 'withdrawn', '2026-03-01T09:00:00Z'),
      ending(academy, '2026-02-05T10:00:00Z', 'volunteering', '2026-05-01T09:00:00Z'),
      journeyEvents({
        programmeId: blmk,
        referredAt: '2026-02-06T10:00:00Z',
        eligible: false,
        steps: [{ outcome: 'not-eligible', at: '2026-02-06T10:00:01Z', final: true }],
      }),
      journeyEvents({
        programmeId: blmk,
        referredAt: '2026-02-07T10:00:00Z',
        steps: [
          { stage: 'engagement', at: '2026-02-08T10:00:00Z' },
          { stage: 'training', at: '2026-03-01T10:00:00Z' },
        ],
      }),
      journeyEvents({ programmeId: academy, referredAt: '2026-03-01T10:00:00Z' }),
      // Another operator's programme: never in this operator's figures.
      ending(elsewhere, '2026-01-05T10:00:00Z', 'work-experience', '2026-04-01T09:00:00Z'),
    );
    await t.publish([
      programmeEvent(blmk, operator),
      programmeEvent(academy, operator),
      programmeEvent(elsewhere, 'org-west-midlands-trust'),
    ]);
    for (const j of journeys) await t.publish(j.events);
    await t.waitForMilestones(journeys.reduce((n, j) => n + j.events.length, 0));
    // Their reporting profiles: the withdrawn journey (4) never shared one, the one in training
    // (7) shared one and then withdrew consent for outcome reporting.
    const profiles = [
      { area: 'LU', priorityGroups: ['care-experienced', 'neurodivergent'] },
      { area: 'LU', priorityGroups: ['neet'] },
      { area: 'MK', priorityGroups: ['neet', 'send'] },
      { area: 'MK', priorityGroups: [] },
      undefined,
      { area: 'SG', priorityGroups: ['unpaid-carer'] },
      { area: 'LU', priorityGroups: ['neet'] },
      { area: 'LU', priorityGroups: ['send'] },
      { area: 'MK', priorityGroups: ['long-term-unemployed', 'neet'] },
      { area: 'LU', priorityGroups: ['neet'] },
    ] as const;
    const shares = journeys.flatMap((j, i) => {
      const profile = profiles[i];
      return profile
        ? [profileShared(j, { ...profile, priorityGroups: [...profile.priorityGroups] }, asOf)]
        : [];
    });
    await t.publish([...shares, consentWithdrawn(journeys[7]!, '2026-12-01T01:00:00Z')]);
    await t.waitForProfileChanges(shares.length + 1);
  });
  afterAll(async () => t.close());

  const report = async (
    filter: Partial<Parameters<typeof countOutcomes>[1]>,
    breakdown: ReportBreakdown = 'programme',
  ) =>
    assembleOutcomeReport(
      breakdown,
      filter.asOf ?? asOf,
      await countOutcomes(t.pool, { operatorOrganisationId: operator, asOf, ...filter }, breakdown),
    );

  it("when the report is asked for, then it counts each of the operator's people once per outcome and none of another operator's", async () => {
    const r = await report({});
    expect(r.total.referred).toBe(9);
    expect(r.total.inProgress).toBe(2);
    expect(r.total.endings).toMatchObject({
      'sustained-26-weeks': 1,
      'work-experience': 1,
      'further-education': 2,
      withdrawn: 1,
      volunteering: 1,
      'not-eligible': 1,
    });
    expect(r.total.outcomes).toMatchObject({
      hired: 1,
      'sustained-13-weeks': 1,
      'sustained-26-weeks': 1,
    });
    expect(r.total.stages).toMatchObject({ referral: 9, engagement: 7, training: 1, 'in-work': 1 });
    expect(r.groups.map((g) => [g.key, g.figures.referred])).toEqual([
      [academy, 2],
      [blmk, 7],
    ]);
  });

  it('when the report is broken down any way, then in every group referred = in progress + every ending outcome; the groups add up to the total except by priority group', async () => {
    for (const breakdown of reportBreakdowns) {
      const r = await report({}, breakdown);
      expect(r.total.referred, `${breakdown}: total`).toBe(9);
      expect(figuresAddUp(r.total), `${breakdown}: total`).toBe(true);
      for (const group of r.groups)
        expect(figuresAddUp(group.figures), `${breakdown}: ${group.key}`).toBe(true);
      const summed = r.groups.reduce((n, g) => n + g.figures.referred, 0);
      if (breakdown === 'priority-group')
        expect(summed).toBe(12); // three people in two groups
      else expect(summed, breakdown).toBe(r.total.referred);
    }
    const byPeriod = await report({}, 'period');
    expect(byPeriod.groups.map((g) => [g.key, g.figures.referred])).toEqual([
      ['2026-01', 3],
      ['2026-02', 5],
      ['2026-03', 1],
    ]);
  });

  it('when the report is broken down by area, then each person counts in their postcode area, or as not shared', async () => {
    const r = await report({}, 'area');
    const byArea = Object.fromEntries(r.groups.map((g) => [g.key, g.figures]));
    expect(Object.keys(byArea)).toEqual(['LU', 'MK', 'not-shared', 'SG']);
    expect(byArea.LU).toMatchObject({ referred: 3, inProgress: 0 });
    expect(byArea.LU!.endings).toMatchObject({
      'sustained-26-weeks': 1,
      'work-experience': 1,
      'not-eligible': 1,
    });
    expect(byArea.MK).toMatchObject({ referred: 3, inProgress: 1 });
    expect(byArea.MK!.endings['further-education']).toBe(2);
    // Never shared (withdrawn journey), and shared then consent withdrawn (in training).
    expect(byArea['not-shared']).toMatchObject({ referred: 2, inProgress: 1 });
    expect(byArea.SG!.endings.volunteering).toBe(1);
  });

  it('when the report is broken down by priority group, then a person in several groups counts once in each, and the total once', async () => {
    const r = await report({}, 'priority-group');
    expect(Object.fromEntries(r.groups.map((g) => [g.key, g.figures.referred]))).toEqual({
      'care-experienced': 1,
      'long-term-unemployed': 1,
      neet: 4,
      neurodivergent: 1,
      none: 1,
      'not-shared': 2,
      send: 1,
      'unpaid-carer': 1,
    });
    const neet = r.groups.find((g) => g.key === 'neet')!.figures;
    expect(neet).toMatchObject({ inProgress: 1 });
    expect(neet.endings).toMatchObject({
      'work-experience': 1,
      'further-education': 1,
      'not-eligible': 1,
    });
    expect(r.total.outcomes.hired).toBe(1);
    expect(r.total.stages.engagement).toBe(7);
  });

  it('when the report is asked as of an earlier date, then later milestones and referrals are not counted', async () => {
    const r = await report({ asOf: '2026-04-15T00:00:00Z' });
    expect(r.total.referred).toBe(9);
    // ended by then: work experience (1 Apr), withdrawn (1 Mar), not eligible (6 Feb)
    expect(r.total.inProgress).toBe(6);
    expect(r.total.endings['further-education']).toBe(0);
    expect(r.total.outcomes.hired).toBe(1);
    expect(r.total.outcomes['sustained-13-weeks']).toBe(0);
    expect(figuresAddUp(r.total)).toBe(true);
    const early = await report({ asOf: '2026-01-31T00:00:00Z' });
    expect(early.total.referred).toBe(3);
  });

  it('when the report is limited to a referral period and a programme, then only those referred then, there, count', async () => {
    const r = await report({
      referredFrom: '2026-02-01',
      referredTo: '2026-02-28',
      programmeId: blmk,
    });
    expect(r.total.referred).toBe(4);
    expect(r.total.endings).toMatchObject({
      'further-education': 1,
      withdrawn: 1,
      'not-eligible': 1,
    });
    expect(r.total.inProgress).toBe(1);
  });

  it('when a figure is drilled into, then the journeys listed are exactly the people it counted', async () => {
    const cohort = { asOf, programmeId: undefined };
    const list = (
      measure: 'referred' | 'in-progress' | 'ending' | 'stage' | 'outcome',
      code?: string,
      key?: string,
    ) =>
      listJourneys(t.pool, {
        operatorOrganisationId: operator,
        drillDown: { cohort, measure, code, breakdown: key ? 'programme' : undefined, key },
        now: asOf,
        limit: 100,
        offset: 0,
      });
    const fe = await list('ending', 'further-education');
    expect(fe.items.map((j) => j.referralId).sort()).toEqual(
      [journeys[2]!.referralId, journeys[3]!.referralId].sort(),
    );
    expect((await list('referred')).items).toHaveLength(9);
    expect((await list('in-progress', undefined, academy)).items.map((j) => j.referralId)).toEqual([
      journeys[8]!.referralId,
    ]);
    expect((await list('stage', 'engagement')).items).toHaveLength(7);
    const inGroup = async (
      breakdown: ReportBreakdown,
      key: string,
      measure = 'referred' as const,
    ) =>
      (
        await listJourneys(t.pool, {
          operatorOrganisationId: operator,
          drillDown: { cohort, measure, breakdown, key },
          now: asOf,
          limit: 100,
          offset: 0,
        })
      ).items
        .map((j) => j.referralId)
        .sort();
    const ids = (...indexes: number[]) => indexes.map((i) => journeys[i]!.referralId).sort();
    expect(await inGroup('priority-group', 'neet')).toEqual(ids(1, 2, 6, 8));
    expect(await inGroup('priority-group', 'none')).toEqual(ids(3));
    expect(await inGroup('priority-group', 'not-shared')).toEqual(ids(4, 7));
    expect(await inGroup('area', 'MK')).toEqual(ids(2, 3, 8));
    expect(await inGroup('area', 'not-shared')).toEqual(ids(4, 7));
  });

  it('when the journeys are filtered by area or priority group, then only the operator’s journeys with that code are listed, with their codes', async () => {
    const filtered = async (filter: { area?: string; priorityGroup?: 'neet' | 'send' }) =>
      (
        await listJourneys(t.pool, {
          operatorOrganisationId: operator,
          ...filter,
          now: asOf,
          limit: 100,
          offset: 0,
        })
      ).items;
    const lu = await filtered({ area: 'LU' });
    expect(lu.map((j) => j.referralId).sort()).toEqual(
      [0, 1, 6].map((i) => journeys[i]!.referralId).sort(),
    );
    expect(lu.find((j) => j.referralId === journeys[0]!.referralId)).toMatchObject({
      area: 'LU',
      priorityGroups: ['care-experienced', 'neurodivergent'],
    });
    const neetInLu = await filtered({ area: 'LU', priorityGroup: 'neet' });
    expect(neetInLu.map((j) => j.referralId).sort()).toEqual(
      [1, 6].map((i) => journeys[i]!.referralId).sort(),
    );
    // Journey 7 shared `send` and then withdrew consent: it is not found by it any more.
    expect((await filtered({ priorityGroup: 'send' })).map((j) => j.referralId)).toEqual([
      journeys[2]!.referralId,
    ]);
  });
});
