import { beforeAll, describe, it } from 'vitest';
import { connectTo, type Ladder } from '../src/actors/ladder.js';
import { Participant } from '../src/actors/participant.js';
import { britishFaker, referralOf, unissuedNiNumber } from '../src/actors/people.js';
import { openProgramme, type ProgrammeSetting } from '../src/actors/programme-setting.js';
import { theSystem } from '../src/system/the-system.js';

/**
 * Every way of not being hired goes back to employability support, never to an ending, and from
 * there on to a job: a declined placement, a declined offer, a failed pre-employment check.
 */
describe.concurrent('the ways back, end to end', () => {
  let ladder: Ladder;
  let setting: ProgrammeSetting;
  const faker = britishFaker(2626);
  let people = 0;

  beforeAll(async () => {
    ladder = connectTo(await theSystem());
    setting = await openProgramme(ladder, 'e2e-ways-back');
  });

  /** Referred and trained: in employability support, ready for a placement or an offer. */
  async function trained(): Promise<Participant> {
    const referral = referralOf(faker, setting.programmeId, {
      area: 'LU',
      age: 19,
      priorityGroups: ['send', 'neurodivergent'],
      niNumber: unissuedNiNumber(faker.number.int({ max: 999_999 }), (people += 1)),
    });
    const person = await Participant.refer(ladder, setting, referral);
    await person.completeCourse(await person.enrol());
    return person;
  }

  /** Hired in the end, after having been in employability support twice. */
  async function hiredAfterGoingBack(person: Participant) {
    const seen = await person.until('hired', (r) => r.stage === 'in-work');
    const stages = seen.milestones.map((m) => m.code).filter((c) => c.startsWith('stage-'));
    return { seen, stages };
  }

  it('when the employer declines a placement, then the journey goes back to employability and on to another placement and a job', async ({
    expect,
  }) => {
    const person = await trained();
    await person.declinePlacement(await person.proposePlacement());
    await person.completePlacement(await person.proposePlacement());
    await person.hireFromHere();
    const { seen, stages } = await hiredAfterGoingBack(person);
    expect(stages).toEqual([
      'stage-engagement',
      'stage-training',
      'stage-employability',
      'stage-placement',
      'stage-employability',
      'stage-placement',
      'stage-offer',
      'stage-pre-employment-checks',
      'stage-in-work',
    ]);
    expect(seen.milestones.map((m) => m.code)).toContain('placement-declined');
    const ops = await person.untilOps('two placements', (j) => j.employer.placements.length === 2);
    expect(ops.employer.placements.map((p) => p.status).sort()).toEqual(['completed', 'declined']);
  });

  it('when the participant declines an offer, then the journey goes back to employability and on to another offer and a job', async ({
    expect,
  }) => {
    const person = await trained();
    const first = await person.offer(await person.interview());
    await person.answerOffer(first.id, 'decline');
    await person.hireFromHere();
    const { stages } = await hiredAfterGoingBack(person);
    expect(stages).toEqual([
      'stage-engagement',
      'stage-training',
      'stage-employability',
      'stage-offer',
      'stage-employability',
      'stage-offer',
      'stage-pre-employment-checks',
      'stage-in-work',
    ]);
    const ops = await person.untilOps('two offers', (j) => j.employer.offers.length === 2);
    expect(ops.employer.offers.map((o) => o.status).sort()).toEqual(['declined', 'unconditional']);
  });

  it('when a pre-employment check fails, then the offer is withdrawn, the journey goes back to employability and on to another offer whose checks clear', async ({
    expect,
  }) => {
    const person = await trained();
    const first = await person.offer(await person.interview());
    await person.answerOffer(first.id, 'accept');
    await person.runChecks(first.id, 'criminal-record-and-barring');
    await person.hireFromHere();
    const { seen, stages } = await hiredAfterGoingBack(person);
    expect(stages).toEqual([
      'stage-engagement',
      'stage-training',
      'stage-employability',
      'stage-offer',
      'stage-pre-employment-checks',
      'stage-employability',
      'stage-offer',
      'stage-pre-employment-checks',
      'stage-in-work',
    ]);
    expect(seen.milestones.map((m) => m.code)).toEqual(
      expect.arrayContaining(['offer-withdrawn', 'outcome-hired']),
    );
    const ops = await person.untilOps('two offers', (j) => j.employer.offers.length === 2);
    const failed = ops.employer.offers.find((o) => o.offerId === first.id);
    expect(failed).toMatchObject({
      status: 'withdrawn',
      failedCheck: 'criminal-record-and-barring',
    });
  });
});
