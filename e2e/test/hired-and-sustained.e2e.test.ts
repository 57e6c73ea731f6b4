import { beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem } from '../src/clients/api-client.js';
import { liveStateOnPage } from '../src/clients/staff-session.js';
import { connectTo, type Ladder } from '../src/actors/ladder.js';
import { Participant } from '../src/actors/participant.js';
import { britishFaker, referralOf, unissuedNiNumber } from '../src/actors/people.js';
import { openProgramme, type ProgrammeSetting } from '../src/actors/programme-setting.js';
import { theSystem } from '../src/system/the-system.js';

/**
 * The whole way, every deployable a process of its own: a Job Centre refers someone with their
 * consent, the operator gets them a place on a course that they pass (the provider seeing who they
 * are by that consent), a placement, an interview (the employer seeing their reasonable
 * adjustments) and a conditional offer;
 * the employer clears the six checks, confirms the start and, at 13 and 26 weeks (seconds on this
 * programme), that they are still in post. Every step goes through a public API; every check reads
 * the Job Centre's view of the referral or the ops API.
 */
describe('a referral to a job that lasts, end to end', () => {
  let ladder: Ladder;
  let setting: ProgrammeSetting;
  const faker = britishFaker(17);

  beforeAll(async () => {
    ladder = connectTo(await theSystem());
    setting = await openProgramme(ladder, 'e2e-hired');
  });

  it('when a referral goes through training, a placement, an offer and the checks to a start in post, then the referrer and ops see it hired and sustained at 13 and 26 weeks', async () => {
    const referral = referralOf(faker, setting.programmeId, {
      area: 'LU',
      age: 22,
      priorityGroups: ['care-experienced', 'neet', 'neurodivergent'],
      niNumber: unissuedNiNumber(faker.number.int({ max: 999_999 }), 0),
    });
    const person = await Participant.refer(ladder, setting, referral);
    expect(person.referral.eligibility).toEqual({ decision: 'eligible', reasonCodes: [] });

    const staff = await ladder.staff('casey');
    const mentor = await person.staffAct(staff, 'assign-mentor', { mentorId: 'mentor-e2e-1' });
    expect(mentor.status, mentor.html).toBe(303);
    const afterMentor = liveStateOnPage((await staff.page(mentor.location!)).html);
    expect(afterMentor.summary).toMatchObject({ Mentor: 'mentor-e2e-1' });

    // Training: the provider sees who the learner is only through their consent (the training
    // service asks the referral service, process to process), takes the register, passes them.
    const placeId = await person.enrol();
    const learner = await ladder.provider.learner(placeId);
    expect(learner).toMatchObject({
      released: true,
      person: { givenName: referral.person.givenName, familyName: referral.person.familyName },
    });
    await person.completeCourse(placeId);

    await person.completePlacement(await person.proposePlacement());
    // The employer is shown the reasonable adjustments for the interview, by consent too.
    const interviewId = await person.interview();
    expect((await ladder.employer.interview(interviewId)).participant).toEqual({
      participantId: person.who.participantId,
      released: true,
      reasonableAdjustments: ['written instructions'],
    });
    const { id: offerId } = await person.offer(interviewId);
    await person.answerOffer(offerId, 'accept');
    await person.runChecks(offerId);
    await person.startInPost(offerId);
    await person.sustain(offerId);

    const seen = await person.until('closed', (r) => r.status === 'closed');
    expect(seen).toMatchObject({ stage: 'closed', outcome: 'sustained-26-weeks', active: false });
    const codes = seen.milestones.map((m) => m.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'stage-engagement',
        'mentor-assigned',
        'training-enrolled',
        'training-completed',
        'stage-training',
        'stage-employability',
        'placement-proposed',
        'placement-confirmed',
        'placement-started',
        'placement-completed',
        'stage-placement',
        'interview-scheduled',
        'interview-held',
        'offer-made',
        'stage-offer',
        'offer-accepted',
        'stage-pre-employment-checks',
        'offer-made-unconditional',
        'start-date-agreed',
        'started-in-post',
        'stage-in-work',
        'outcome-hired',
        'sustainment-confirmed',
        'outcome-sustained-13-weeks',
        'outcome-sustained-26-weeks',
        'stage-closed',
      ]),
    );
    // The stages in the order the referrer was told them.
    expect(codes.filter((c) => c.startsWith('stage-'))).toEqual([
      'stage-engagement',
      'stage-training',
      'stage-employability',
      'stage-placement',
      'stage-offer',
      'stage-pre-employment-checks',
      'stage-in-work',
      'stage-closed',
    ]);

    const ops = await person.untilOps(
      'ended sustained at 26 weeks',
      (j) => j.endingOutcome === 'sustained-26-weeks',
    );
    expect(ops).toMatchObject({ stage: 'closed', programmeId: setting.programmeId });
    const [offer] = ops.employer.offers;
    expect(offer).toMatchObject({ offerId, status: 'unconditional' });
    expect(offer?.checks.map((c) => c.status)).toEqual(Array(6).fill('cleared'));
    expect(offer?.employment.startedOn).not.toBeNull();
    expect(offer?.employment.sustainment.map((s) => [s.weeks, s.confirmedAt !== null])).toEqual([
      [13, true],
      [26, true],
    ]);
    expect(ops.employer.placements).toMatchObject([{ status: 'completed' }]);
    expect(ops.employer.interviews).toMatchObject([{ result: 'successful' }]);
    expect(ops.timeline.map((t) => t.code)).toEqual(
      expect.arrayContaining(['training-completed', 'sustainment-confirmed']),
    );
    // The journey accepted every step it was told of: its page lists no refused milestone.
    const live = liveStateOnPage((await staff.page(`/journeys/${person.referralId}`)).html);
    expect(live.refusals).toEqual([]);
    expect(live.summary).toMatchObject({ Mentor: 'mentor-e2e-1' });

    const report = await ladder.ops.outcomes(setting.programmeId);
    expect(report.total).toMatchObject({
      referred: 1,
      inProgress: 0,
      endings: { 'sustained-26-weeks': 1 },
      outcomes: { hired: 1, 'sustained-13-weeks': 1, 'sustained-26-weeks': 1 },
      stages: {
        referral: 1,
        engagement: 1,
        training: 1,
        employability: 1,
        placement: 1,
        offer: 1,
        'pre-employment-checks': 1,
        'in-work': 1,
        closed: 1,
      },
    });

    // Nobody else sees any of it: another Job Centre, another operator's key and staff.
    const refused = await ladder.otherJobCentre
      .referral(person.referralId)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).status).toBe(404);
    const otherOps = await ladder.otherOps.journey(person.referralId).catch((e: unknown) => e);
    expect((otherOps as ApiProblem).status).toBe(404);
    const nico = await ladder.staff('nico');
    expect((await nico.page(`/journeys/${person.referralId}`)).status).toBe(404);
  });
});
