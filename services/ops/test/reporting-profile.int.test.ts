import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyRing } from '@ladder/crypto';
import { readTopic } from '@ladder/kafka';
import { readModelChecksum } from '../src/db/read-model-checksum.js';
import { rebuildReadModel } from '../src/events/rebuild.js';
import {
  consentExpired,
  consentWithdrawn,
  journeyEvents,
  participantErased,
  profileShared,
  programmeEvent,
  startProjectionStack,
  type MadeJourney,
  type ProjectionStack,
} from './support/projection-stack.js';

const programmeId = 'blmk-stepping-into-health';
const academy = 'blmk-academy-volunteers';

describe("the read model's area and priority groups, from the sealed reporting profile", () => {
  let t: ProjectionStack;
  beforeAll(async () => {
    t = await startProjectionStack();
    await t.startProjection();
    await t.publish([
      programmeEvent(programmeId, 'org-blmk-icb'),
      programmeEvent(academy, 'org-blmk-icb'),
    ]);
  });
  afterAll(async () => t.close());

  const profileOf = async (referralId: string) => {
    const { rows } = await t.pool.query<{ area: string | null; priority_groups: string[] | null }>(
      'select area, priority_groups from journey where referral_id = $1',
      [referralId],
    );
    return rows[0];
  };
  /** Waits until every event published so far has been handled (the projection's own record). */
  const settled = async () => {
    const { rows } = await t.pool.query<{ n: number }>(
      `select count(*)::int as n from ladder_processed_events where consumer_group like $1`,
      [`${t.options.groupBase}.%`],
    );
    return rows[0]!.n;
  };
  /** The ids of the events published so far that the projection is to handle (repeats once). */
  const published = new Set<string>();
  const publishAndWait = async (events: Parameters<ProjectionStack['publish']>[0]) => {
    await t.publish(events);
    for (const e of events) published.add(e.id);
    for (let i = 0; i < 600 && (await settled()) < published.size + 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await settled()).toBeGreaterThanOrEqual(published.size + 2); // and the two programmes
  };
  const referred = (at: string, programme = programmeId, participantId?: string): MadeJourney => {
    const j = journeyEvents({ programmeId: programme, referredAt: at });
    return participantId ? withParticipant(j, participantId) : j;
  };

  it('when a referral shares its profile, then its journey holds the area and groups, and the topic holds neither in the clear', async () => {
    const j = referred('2026-03-01T10:00:00Z');
    await publishAndWait([
      ...j.events,
      profileShared(
        j,
        { area: 'LU', priorityGroups: ['send', 'care-experienced'] },
        '2026-03-01T10:00:00Z',
      ),
    ]);
    expect(await profileOf(j.referralId)).toEqual({
      area: 'LU',
      priority_groups: ['care-experienced', 'send'],
    });
    const raw = (await readTopic(t.kafka, t.referrals.name))
      .filter((m) => m.key?.toString() === j.participantId)
      .map((m) => m.value!.toString());
    expect(raw.some((v) => v.includes('"ReportingProfileShared"'))).toBe(true);
    for (const value of raw) expect(value).not.toMatch(/"LU"|care-experienced|"send"/);
    const { rows } = await t.pool.query(
      'select row_to_json(m)::text as t from journey_milestone m where referral_id = $1',
      [j.referralId],
    );
    expect(JSON.stringify(rows)).not.toMatch(/care-experienced|"LU"/);
  });

  it('when consent for outcome reporting is withdrawn, then the codes are deleted; a withdrawal of something else keeps them', async () => {
    const j = referred('2026-03-02T10:00:00Z');
    await publishAndWait([
      ...j.events,
      profileShared(j, { area: 'MK', priorityGroups: ['neet'] }, '2026-03-02T10:00:00Z'),
      consentWithdrawn(j, '2026-03-05T10:00:00Z', { purposes: ['training'], recipients: [] }),
    ]);
    expect(await profileOf(j.referralId)).toEqual({ area: 'MK', priority_groups: ['neet'] });
    await publishAndWait([
      consentWithdrawn(j, '2026-03-06T10:00:00Z', {
        purposes: [],
        recipients: ['programme-operator'],
      }),
    ]);
    expect(await profileOf(j.referralId)).toEqual({ area: null, priority_groups: null });
    const { rows } = await t.pool.query(
      `select count(*)::int as n from reporting_profile_change
        where referral_id = $1 and (area is not null or priority_groups is not null)`,
      [j.referralId],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('when consent expires, then the codes are deleted, and a renewal that shares them again brings them back', async () => {
    const j = referred('2026-03-03T10:00:00Z');
    await publishAndWait([
      ...j.events,
      profileShared(j, { area: 'SG', priorityGroups: ['unpaid-carer'] }, '2026-03-03T10:00:00Z'),
      consentExpired(j, '2026-09-03T10:00:00Z'),
    ]);
    expect(await profileOf(j.referralId)).toEqual({ area: null, priority_groups: null });
    await publishAndWait([
      profileShared(j, { area: 'SG', priorityGroups: ['unpaid-carer'] }, '2026-09-10T10:00:00Z'),
    ]);
    expect(await profileOf(j.referralId)).toEqual({
      area: 'SG',
      priority_groups: ['unpaid-carer'],
    });
  });

  it('when the participant is erased, then every journey of theirs loses its codes, and a share replayed from before stays without them', async () => {
    const first = referred('2026-03-04T10:00:00Z');
    const second = referred('2026-03-04T11:00:00Z', academy, first.participantId);
    const share = profileShared(
      first,
      { area: 'AL', priorityGroups: ['neurodivergent'] },
      '2026-03-04T10:00:00Z',
    );
    await publishAndWait([
      ...first.events,
      ...second.events,
      share,
      profileShared(
        second,
        { area: 'AL', priorityGroups: ['neurodivergent'] },
        '2026-03-04T11:00:00Z',
      ),
      participantErased(first.participantId, '2026-04-01T10:00:00Z'),
    ]);
    expect(await profileOf(first.referralId)).toEqual({ area: null, priority_groups: null });
    expect(await profileOf(second.referralId)).toEqual({ area: null, priority_groups: null });
    // The same share again under a new event id (a dead letter replayed, say): still nothing kept.
    const late = profileShared(
      first,
      { area: 'AL', priorityGroups: ['neurodivergent'] },
      '2026-03-04T10:00:00Z',
    );
    await publishAndWait([late]);
    expect(await profileOf(first.referralId)).toEqual({ area: null, priority_groups: null });
    const { rows } = await t.pool.query<{ t: string }>(
      'select row_to_json(c)::text as t from reporting_profile_change c where participant_id = $1',
      [first.participantId],
    );
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.t).join()).not.toContain('neurodivergent');
  });

  it('when a withdrawal arrives before the share it follows, and events come twice, then the journey ends as if they came in order', async () => {
    const inOrder = referred('2026-03-07T10:00:00Z');
    const reversed = referred('2026-03-07T10:00:00Z');
    const events = (j: MadeJourney) => ({
      shared: profileShared(j, { area: 'LU', priorityGroups: ['neet'] }, '2026-03-07T10:00:00Z'),
      withdrawn: consentWithdrawn(j, '2026-03-08T10:00:00Z'),
      sharedAgain: profileShared(
        j,
        { area: 'LU', priorityGroups: ['neet', 'send'] },
        '2026-03-09T10:00:00Z',
      ),
    });
    const a = events(inOrder);
    const b = events(reversed);
    await publishAndWait([...inOrder.events, a.shared, a.withdrawn, a.sharedAgain]);
    await publishAndWait([
      ...reversed.events,
      b.sharedAgain,
      b.withdrawn,
      b.shared,
      b.withdrawn,
      b.shared,
    ]);
    expect(await profileOf(inOrder.referralId)).toEqual({
      area: 'LU',
      priority_groups: ['neet', 'send'],
    });
    expect(await profileOf(reversed.referralId)).toEqual({
      area: 'LU',
      priority_groups: ['neet', 'send'],
    });
    const changes = async (j: MadeJourney) =>
      (
        await t.pool.query<Record<string, unknown>>(
          `select change, occurred_at, area, priority_groups from reporting_profile_change
            where referral_id = $1 order by occurred_at`,
          [j.referralId],
        )
      ).rows;
    expect(await changes(reversed)).toEqual(await changes(inOrder));
  });

  it('when a profile is sealed with a key the ops service does not hold, then it goes to dead letters and the journey has no codes', async () => {
    const j = referred('2026-03-10T10:00:00Z');
    const foreign = parseKeyRing(`elsewhere:${randomBytes(32).toString('base64')}`);
    const share = profileShared(
      j,
      { area: 'LU', priorityGroups: ['needs-esol'] },
      '2026-03-10T10:00:00Z',
      {
        keys: foreign,
      },
    );
    await t.publish([...j.events, share]);
    for (const e of j.events) published.add(e.id); // the share is dead-lettered, never handled
    for (let i = 0; i < 300; i += 1) {
      const dead = await readTopic(t.kafka, t.referrals.deadLetterTopic);
      if (dead.some((m) => m.value?.toString().includes(share.id))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const dead = (await readTopic(t.kafka, t.referrals.deadLetterTopic)).find((m) =>
      m.value?.toString().includes(share.id),
    );
    expect(dead?.headers?.['dlq-error']?.toString()).toContain('"elsewhere"');
    expect(dead?.headers?.['dlq-error']?.toString()).not.toContain('needs-esol');
    expect(await profileOf(j.referralId)).toMatchObject({ area: null, priority_groups: null });
  });

  it('when the read model is rebuilt from every topic, then the codes kept and the codes deleted are byte for byte as they were', async () => {
    const checksum = await readModelChecksum(t.pool);
    const { rows: before } = await t.pool.query(
      'select referral_id, area, priority_groups from journey order by referral_id',
    );
    expect(before.filter((r: { area: string | null }) => r.area !== null).length).toBeGreaterThan(
      1,
    );
    await t.stopProjections();
    await rebuildReadModel({ ...t.options, pollMs: 100 });
    const { rows: after } = await t.pool.query(
      'select referral_id, area, priority_groups from journey order by referral_id',
    );
    expect(after).toEqual(before);
    expect(await readModelChecksum(t.pool)).toBe(checksum);
  });
});

/** The same journey's events for another participant id (the same person in a second programme). */
function withParticipant(j: MadeJourney, participantId: string): MadeJourney {
  const events = j.events.map((e) => ({
    ...e,
    subject: participantId,
    data: { ...(e.data as object), participantId },
  })) as MadeJourney['events'];
  return { ...j, participantId, events };
}
