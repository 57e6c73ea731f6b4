import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEnvelope, trainingAtRiskV1, trainingSessionRecordedV1 } from '@ladder/events';
import { readModelChecksum } from '../src/db/read-model-checksum.js';
import { rebuildReadModel } from '../src/events/rebuild.js';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type ProjectionStack,
} from './support/projection-stack.js';

const programmeId = 'blmk-stepping-into-health';

/** The journey row without its ids, to compare two journeys made of the same steps. */
async function journeyShape(t: ProjectionStack, referralId: string) {
  const { rows } = await t.pool.query(
    `select programme_id, referrer_organisation_id, eligibility, referred_at, stage, stage_since,
            waiting_for, waiting_from, deadline_name, deadline_due_at, escalated, ending_outcome,
            ended_at, withdrawn_reason, at_risk, last_milestone_at
       from journey where referral_id = $1`,
    [referralId],
  );
  return rows[0] as Record<string, unknown> | undefined;
}

async function waitForTotal(
  _t: ProjectionStack,
  total: number,
  count: () => Promise<number>,
): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (Number(await count()) >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never reached ${total} facts`);
}

describe('the read model projection', () => {
  let t: ProjectionStack;
  beforeAll(async () => {
    t = await startProjectionStack();
  });
  afterAll(async () => t.close());

  const steps = [
    { stage: 'engagement', at: '2026-03-02T09:00:00Z' },
    {
      stalled: 'first-contact',
      stage: 'engagement',
      at: '2026-03-24T09:00:00Z',
      dueAt: '2026-03-23T17:00:00Z',
    },
    { stage: 'training', at: '2026-04-01T09:00:00Z' },
    { outcome: 'further-education', at: '2026-06-01T09:00:00Z', final: true },
    { stage: 'closed', at: '2026-06-01T09:00:01Z' },
  ] as const;

  it('when events come twice and out of order, then the journey is as if each came once, in order', async () => {
    const inOrder = journeyEvents({ programmeId, referredAt: '2026-03-01T10:00:00Z', steps });
    const shuffled = journeyEvents({ programmeId, referredAt: '2026-03-01T10:00:00Z', steps });
    const [referral, ...journey] = shuffled.events;
    // The journey's events overtake its referral (another topic), come newest first, and twice.
    const scrambled = [...journey.reverse(), ...journey, referral!, referral!];
    await t.startProjection();
    await t.publish([programmeEvent(programmeId, 'org-blmk-icb')]);
    await t.publish(inOrder.events);
    await t.publish(scrambled);
    await t.waitForMilestones(inOrder.events.length + shuffled.events.length);

    const expected = await journeyShape(t, inOrder.referralId);
    expect(expected).toMatchObject({
      stage: 'closed',
      ending_outcome: 'further-education',
      referred_at: new Date('2026-03-01T10:00:00Z'),
      ended_at: new Date('2026-06-01T09:00:00Z'),
      waiting_for: null,
    });
    expect(await journeyShape(t, shuffled.referralId)).toEqual(expected);
    const { rows } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from journey_milestone where referral_id = $1',
      [shuffled.referralId],
    );
    expect(rows[0]!.n).toBe(shuffled.events.length);
  });

  it('when a deadline is missed in the current stage, then the journey shows what it waits for, from whom and since when', async () => {
    const j = journeyEvents({
      programmeId,
      referredAt: '2026-03-01T10:00:00Z',
      steps: steps.slice(0, 2),
    });
    const { rows: before } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from journey_milestone',
    );
    await t.publish(j.events);
    await t.waitForMilestones(before[0]!.n + j.events.length);
    expect(await journeyShape(t, j.referralId)).toMatchObject({
      stage: 'engagement',
      deadline_name: 'first-contact',
      waiting_for: 'first-contact',
      waiting_from: 'programme-operator',
      deadline_due_at: new Date('2026-03-23T17:00:00Z'),
      ending_outcome: null,
    });
  });

  it('when training reports a learner at risk and then an attended session, then the journey is at risk and then no longer', async () => {
    const j = journeyEvents({
      programmeId,
      referredAt: '2026-03-01T10:00:00Z',
      steps: [{ stage: 'training', at: '2026-03-10T09:00:00Z' }],
    });
    const place = {
      placeId: randomUUID(),
      participantId: j.participantId,
      programmeId,
      intakeId: randomUUID(),
      courseId: randomUUID(),
      providerOrganisationId: 'bedford-college',
    };
    const context = { source: 'test', subject: j.participantId, correlationId: 'c' };
    const atRisk = createEnvelope(
      trainingAtRiskV1,
      { ...place, occurredAt: '2026-04-01T09:00:00Z', absencesInARow: 3, threshold: 3 },
      context,
    );
    const attended = createEnvelope(
      trainingSessionRecordedV1,
      {
        ...place,
        occurredAt: '2026-04-08T09:00:00Z',
        sessionNumber: 9,
        registerVersion: 1,
        mark: 'attended',
        absencesInARow: 0,
        sessionsRecorded: 9,
        sessionsAttended: 6,
      },
      context,
    );
    const count = async () =>
      (
        await t.pool.query<{ n: number }>(
          'select (select count(*) from journey_milestone) + (select count(*) from participant_milestone) as n',
        )
      ).rows[0]!.n;
    const before = Number(await count());
    // The training provider's report comes before the journey's own events.
    await t.publish([atRisk, ...j.events]);
    await waitForTotal(t, before + 1 + j.events.length, count);
    expect(await journeyShape(t, j.referralId)).toMatchObject({ at_risk: true, stage: 'training' });
    await t.publish([attended]);
    await waitForTotal(t, before + 2 + j.events.length, count);
    expect(await journeyShape(t, j.referralId)).toMatchObject({ at_risk: false });
  });

  it('when the read model is rebuilt from the beginning, then every table is byte for byte as it was', async () => {
    const withdrawn = journeyEvents({
      programmeId,
      referredAt: '2026-05-01T10:00:00Z',
      steps: [
        { stage: 'engagement', at: '2026-05-02T09:00:00Z' },
        { withdrawn: 'participant-request', at: '2026-05-03T09:00:00Z' },
        {
          outcome: 'withdrawn',
          at: '2026-05-03T09:00:01Z',
          reasonCode: 'participant-request',
          final: true,
        },
      ],
    });
    const { rows: before } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from journey_milestone',
    );
    await t.publish(withdrawn.events);
    await t.waitForMilestones(before[0]!.n + withdrawn.events.length);
    expect(await journeyShape(t, withdrawn.referralId)).toMatchObject({
      ending_outcome: 'withdrawn',
      withdrawn_reason: 'participant-request',
    });
    const { rows: counts } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from journey',
    );
    const { rows: programmes } = await t.pool.query('select * from programme');
    expect(programmes).toEqual([
      {
        programme_id: programmeId,
        operator_organisation_id: 'org-blmk-icb',
        version: 1,
        check_due_days: 28,
      },
    ]);
    const checksum = await readModelChecksum(t.pool);

    await t.stopProjections();
    const rebuilt = await rebuildReadModel({ ...t.options, pollMs: 100 });
    expect(rebuilt.messages).toBeGreaterThanOrEqual(before[0]!.n + withdrawn.events.length);
    const { rows: after } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from journey',
    );
    expect(after[0]!.n).toBe(counts[0]!.n);
    expect(await readModelChecksum(t.pool)).toBe(checksum);
  });
});
