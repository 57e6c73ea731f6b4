import { beforeAll, describe, expect, it } from 'vitest';
import { connectTo, type Ladder } from '../src/actors/ladder.js';
import { Participant } from '../src/actors/participant.js';
import { britishFaker, referralOf, unissuedNiNumber } from '../src/actors/people.js';
import { openProgramme, type ProgrammeSetting } from '../src/actors/programme-setting.js';
import { theSystem } from '../src/system/the-system.js';

/**
 * Consent decides what each organisation is shown, across processes: the training service asks
 * the referral service for a learner's details each time, so a withdrawal the Job Centre records
 * holds at once, while the journey goes on with less shared.
 */
describe('consent across the services, end to end', () => {
  let ladder: Ladder;
  let setting: ProgrammeSetting;
  const faker = britishFaker(4242);

  beforeAll(async () => {
    ladder = connectTo(await theSystem());
    setting = await openProgramme(ladder, 'e2e-consent');
  });

  it('when the Job Centre records that the participant withdrew consent for training, then the provider is no longer shown who the learner is, and the course goes on', async () => {
    const referral = referralOf(faker, setting.programmeId, {
      area: 'SG',
      age: 27,
      priorityGroups: ['unpaid-carer'],
      niNumber: unissuedNiNumber(faker.number.int({ max: 999_999 }), 2),
    });
    const person = await Participant.refer(ladder, setting, referral);
    const placeId = await person.enrol();
    expect(await ladder.provider.learner(placeId)).toMatchObject({
      released: true,
      person: { givenName: referral.person.givenName },
    });

    await ladder.jobCentre.withdrawConsent(person.referralId, { purposes: ['training'] });
    const withheld = await ladder.provider.learner(placeId);
    expect(withheld).toEqual({
      placeId,
      participantId: person.who.participantId,
      released: false,
      reason: 'consent-withdrawn',
    });
    expect(JSON.stringify(withheld)).not.toContain(referral.person.familyName);

    await person.completeCourse(placeId);
    const seen = await person.view();
    expect(seen).toMatchObject({ status: 'in-progress', stage: 'employability' });
    expect(seen.milestones.map((m) => m.code)).toContain('consent-withdrawn');
  });
});
