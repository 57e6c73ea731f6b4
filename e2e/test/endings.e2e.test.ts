import { beforeAll, describe, it } from 'vitest';
import type { EndingOutcome } from '@ladder/vocabulary';
import { liveStateOnPage } from '../src/clients/staff-session.js';
import { connectTo, type Ladder } from '../src/actors/ladder.js';
import { Participant } from '../src/actors/participant.js';
import {
  britishFaker,
  referralOf,
  unissuedNiNumber,
  type PersonTraits,
} from '../src/actors/people.js';
import { openProgramme, type ProgrammeSetting } from '../src/actors/programme-setting.js';
import { theSystem } from '../src/system/the-system.js';

/**
 * Every other way a journey ends that the public APIs can drive today, each its own participant
 * (so they run side by side): from the training provider, the Job Centre, the eligibility rules,
 * the employer and programme staff's forms. Each is checked where the referrer and ops see it.
 */
describe.concurrent('the other endings, end to end', () => {
  let ladder: Ladder;
  let setting: ProgrammeSetting;
  const faker = britishFaker(1717);
  let people = 0;
  const traits = (overrides: Partial<PersonTraits> = {}): PersonTraits => ({
    area: 'MK',
    age: 30,
    priorityGroups: ['long-term-unemployed'],
    niNumber: unissuedNiNumber(faker.number.int({ max: 999_999 }), (people += 1)),
    ...overrides,
  });
  const refer = (overrides?: Partial<PersonTraits>) =>
    Participant.refer(ladder, setting, referralOf(faker, setting.programmeId, traits(overrides)));

  /**
   * The journey ended with `outcome` and closed, as the referrer (status, stage) and the ops read
   * model both tell it.
   */
  async function endedWith(person: Participant, outcome: EndingOutcome, status = 'closed') {
    const seen = await person.until(
      `ended ${outcome}`,
      (r) => r.status === status && r.stage === 'closed',
    );
    const ops = await person.untilOps(`ended ${outcome}`, (j) => j.endingOutcome === outcome);
    return { seen, ops };
  }

  beforeAll(async () => {
    ladder = connectTo(await theSystem());
    setting = await openProgramme(ladder, 'e2e-endings');
  });

  it('when the provider records that a learner went on to further education, then the journey ends there', async ({
    expect,
  }) => {
    const person = await refer();
    await person.progressToFurtherEducation(await person.enrol());
    const { seen, ops } = await endedWith(person, 'further-education');
    expect(seen).toMatchObject({ stage: 'closed', outcome: 'further-education', active: false });
    expect(seen.milestones.map((m) => m.code)).toContain('progressed-to-further-education');
    expect(ops.stage).toBe('closed');
  });

  it('when the Job Centre withdraws a referral, then the journey ends withdrawn with its reason', async ({
    expect,
  }) => {
    const person = await refer();
    await person.withdrawByReferrer();
    const { seen, ops } = await endedWith(person, 'withdrawn', 'withdrawn');
    expect(seen).toMatchObject({ withdrawalReason: 'moved-away', active: false });
    expect(seen.milestones.map((m) => m.code)).toEqual(
      expect.arrayContaining(['referral-withdrawn', 'outcome-withdrawn', 'stage-closed']),
    );
    expect(ops).toMatchObject({ withdrawnReason: 'moved-away', stage: 'closed' });
  });

  it('when someone outside the programme’s ages or areas is referred, then the referral is not eligible and says why', async ({
    expect,
  }) => {
    const tooOld = await refer({ age: 70 });
    const elsewhere = await refer({ area: 'NN' });
    expect(tooOld.referral.eligibility).toEqual({
      decision: 'not-eligible',
      reasonCodes: ['age-out-of-range'],
    });
    expect(elsewhere.referral.eligibility).toEqual({
      decision: 'not-eligible',
      reasonCodes: ['area-not-served'],
    });
    for (const person of [tooOld, elsewhere]) {
      const { seen, ops } = await endedWith(person, 'not-eligible', 'not-eligible');
      expect(seen.active).toBe(false);
      expect(ops.stage).toBe('closed');
    }
  });

  it('when the employer reports the person left the post before 26 weeks, then the job did not last', async ({
    expect,
  }) => {
    const person = await refer();
    await person.leavePost(await person.hire());
    const { seen } = await endedWith(person, 'not-sustained');
    expect(seen.milestones.map((m) => m.code)).toEqual(
      expect.arrayContaining(['outcome-hired', 'left-post', 'outcome-not-sustained']),
    );
  });

  it('when staff record work experience after a completed work-experience placement, then the journey ends with it', async ({
    expect,
  }) => {
    const person = await refer();
    await person.completeCourse(await person.enrol());
    await person.completePlacement(await person.proposePlacement());
    const staff = await ladder.staff('casey');
    const recorded = await person.staffAct(staff, 'record-outcome', { outcome: 'work-experience' });
    expect(recorded.status, recorded.html).toBe(303);
    const { ops } = await endedWith(person, 'work-experience');
    expect(ops.employer.placements).toMatchObject([
      { status: 'completed', kind: 'work-experience' },
    ]);
  });

  it('when staff record volunteering, then the journey ends with it, and a second outcome is refused by the journey', async ({
    expect,
  }) => {
    const person = await refer();
    const staff = await ladder.staff('casey');
    const recorded = await person.staffAct(staff, 'record-outcome', { outcome: 'volunteering' });
    expect(recorded.status, recorded.html).toBe(303);
    await endedWith(person, 'volunteering');
    const again = await person.staffAct(staff, 'record-outcome', { outcome: 'disengaged' });
    expect(again.status).toBe(422);
    expect(again.html).toContain('The journey refused it');
    expect((await person.view()).outcome).toBe('volunteering');
  });

  it('when staff record that someone disengaged, then the journey ends disengaged', async ({
    expect,
  }) => {
    const person = await refer();
    const staff = await ladder.staff('morgan');
    const recorded = await person.staffAct(staff, 'record-outcome', { outcome: 'disengaged' });
    expect(recorded.status, recorded.html).toBe(303);
    const { seen } = await endedWith(person, 'disengaged');
    expect(seen.outcome).toBe('disengaged');
  });

  it('when staff withdraw someone through the form, then the journey ends withdrawn; a form without its CSRF token is refused', async ({
    expect,
  }) => {
    const person = await refer();
    const staff = await ladder.staff('casey');
    const forged = await staff.post(`/journeys/${person.referralId}/actions`, {
      action: 'withdraw',
      reasonCode: 'health',
    });
    expect(forged.status).toBe(403);
    const withdrawn = await person.staffAct(staff, 'withdraw', { reasonCode: 'health' });
    expect(withdrawn.status, withdrawn.html).toBe(303);
    const { ops } = await endedWith(person, 'withdrawn', 'withdrawn');
    expect(ops.withdrawnReason).toBe('health');
    const page = liveStateOnPage((await staff.page(`/journeys/${person.referralId}`)).html);
    expect(page.refusals).toEqual([]);
  });
});
