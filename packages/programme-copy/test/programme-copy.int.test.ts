import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '@ladder/db';
import { createTestDatabase, type TestDatabase } from '@ladder/testing';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { programmeCopy } from '../src/index.js';

// The tables as a service declares them (the employer service's, here).
const tables = `
  create table programmes (id text primary key, operator_organisation_id text not null,
    version int not null, employment jsonb not null, deadlines jsonb,
    updated_at timestamptz not null default now());
  create table programme_participants (participant_id uuid not null, programme_id text not null,
    referral_id uuid not null, primary key (participant_id, programme_id));`;

describe('a programme copy', () => {
  let db: TestDatabase;
  let pool: Pool;
  const programmes = programmeCopy('employment');
  beforeAll(async () => {
    db = await createTestDatabase('programme_copy');
    pool = createPool(db.url, { max: 2 });
    await pool.query(tables);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const version = (n: number, offerResponseDays: number) => ({
    id: 'p1',
    operatorOrganisationId: 'org-a',
    version: n,
    deadlines: { ...guidanceDeadlines, offerResponseDays },
    employment: programmes.parseSettings({ checkDueDays: n }),
  });

  it('when a newer version comes, then its settings and deadlines replace the old; an older one changes nothing', async () => {
    await programmes.storeProgramme(pool, version(2, 5));
    await programmes.storeProgramme(pool, version(3, 7));
    await programmes.storeProgramme(pool, version(1, 9));
    const copy = await programmes.findProgramme(pool, 'p1');
    expect(copy?.version).toBe(3);
    expect(copy?.deadlines?.offerResponseDays).toBe(7);
    expect(copy?.employment.checkDueDays).toBe(3);
    expect(copy?.employment.sustainmentMarkDays).toEqual({ '13': 91, '26': 182 });
  });

  it('when a copy was stored before deadlines were kept, then it reads with deadlines null', async () => {
    await pool.query(
      `insert into programmes (id, operator_organisation_id, version, employment) values ('p0', 'org-a', 1, '{}')`,
    );
    expect((await programmes.findProgramme(pool, 'p0'))?.deadlines).toBeNull();
  });

  it('when a participant is recorded twice, then the programme knows them once and others not', async () => {
    const p = {
      participantId: crypto.randomUUID(),
      programmeId: 'p1',
      referralId: crypto.randomUUID(),
    };
    await programmes.storeProgrammeParticipant(pool, p);
    await programmes.storeProgrammeParticipant(pool, p);
    expect((await programmes.findProgrammeOf(pool, 'p1', p.participantId))?.participantIsIn).toBe(
      true,
    );
    expect(
      (await programmes.findProgrammeOf(pool, 'p1', crypto.randomUUID()))?.participantIsIn,
    ).toBe(false);
    expect(await programmes.findProgrammeOf(pool, 'nope', p.participantId)).toBeUndefined();
  });

  it('when many are looked up at once, then each gets its programme and membership in its place', async () => {
    const p = {
      participantId: crypto.randomUUID(),
      programmeId: 'p1',
      referralId: crypto.randomUUID(),
    };
    await programmes.storeProgrammeParticipant(pool, p);
    const stranger = crypto.randomUUID();
    const found = await programmes.findProgrammesOf(pool, [
      { programmeId: 'p1', participantId: stranger },
      { programmeId: 'nope', participantId: p.participantId },
      { programmeId: 'p1', participantId: p.participantId },
    ]);
    expect(
      found.map((f) => f && { id: f.programme.id, participantIsIn: f.participantIsIn }),
    ).toEqual([
      { id: 'p1', participantIsIn: false },
      undefined,
      { id: 'p1', participantIsIn: true },
    ]);
    expect(found[2]).toEqual(await programmes.findProgrammeOf(pool, 'p1', p.participantId));
  });
});
