import {
  preEmploymentChecks,
  type Outcome,
  type PreEmploymentCheck,
  type Stage,
} from '@ladder/vocabulary';
import type { Offer } from '../clients/employer-api.js';
import type { OpsJourney } from '../clients/ops-api.js';
import type {
  JobCentreApi,
  NewReferral,
  ReferralDetail,
  ReferralSummary,
} from '../clients/referral-api.js';
import type { FormAnswer, StaffSession } from '../clients/staff-session.js';
import { eventually } from './eventually.js';
import type { Ladder } from './ladder.js';
import { calendarDay, type ProgrammeSetting } from './programme-setting.js';

/** What the Job Centre's view says of a referral, in short: for a failed wait's message. */
const inShort = (r: ReferralDetail) => ({
  status: r.status,
  stage: r.stage,
  outcome: r.outcome,
  milestones: r.milestones.map((m) => m.code),
});

/** The forms of a participant's page in the ops screens (`services/ops/views/journey.njk`). */
export type StaffAction = 'withdraw' | 'extend-deadline' | 'assign-mentor' | 'record-outcome';

/**
 * One person referred to a programme, and every step the public APIs let the actors take on
 * their journey: each step is taken by the actor whose business it is (the Job Centre, the
 * operator, the provider, the employer, programme staff) through that actor's API, and waits
 * until the journey's answer shows in the Job Centre's view of the referral, as a person at a
 * screen would before taking the next step. Nothing here reads a database or a workflow.
 */
export class Participant {
  private constructor(
    private readonly ladder: Ladder,
    readonly setting: ProgrammeSetting,
    readonly referral: ReferralSummary,
    private readonly referrer: JobCentreApi,
  ) {}

  /**
   * Referred by a Job Centre (Luton's unless another is given); waits until the journey has
   * begun (or, if not eligible, until the referral says so).
   */
  static async refer(
    ladder: Ladder,
    setting: ProgrammeSetting,
    referral: NewReferral,
    referrer: JobCentreApi = ladder.jobCentre,
  ): Promise<Participant> {
    const summary = await referrer.refer(referral);
    const participant = new Participant(ladder, setting, summary, referrer);
    if (summary.eligibility.decision === 'eligible') await participant.untilStage('engagement');
    return participant;
  }

  get referralId(): string {
    return this.referral.id;
  }

  /** Who employer and training routes name: the participant in this programme. */
  get who() {
    return { participantId: this.referral.participantId, programmeId: this.setting.programmeId };
  }

  /** The referrer's view: `GET /v1/referrals/:id` of the referral service. */
  view(): Promise<ReferralDetail> {
    return this.referrer.referral(this.referralId);
  }

  /** The operator's view in the ops read model: `GET /v1/ops/journeys/:id`. */
  opsView(): Promise<OpsJourney> {
    return this.ladder.ops.journey(this.referralId);
  }

  until(what: string, done: (view: ReferralDetail) => boolean): Promise<ReferralDetail> {
    return eventually(`${what} (referral ${this.referralId})`, () => this.view(), done, {
      logDir: this.ladder.system.logDir,
      describe: inShort,
    });
  }

  untilStage(stage: Stage): Promise<ReferralDetail> {
    return this.until(`stage ${stage}`, (r) => r.stage === stage);
  }

  /** An outcome the journey recorded (an ending or not), as the referrer is told it. */
  untilOutcome(outcome: Outcome): Promise<ReferralDetail> {
    return this.until(`outcome ${outcome}`, (r) =>
      r.milestones.some((m) => m.code === `outcome-${outcome}`),
    );
  }

  untilOps(what: string, done: (journey: OpsJourney) => boolean): Promise<OpsJourney> {
    return eventually(`ops: ${what} (referral ${this.referralId})`, () => this.opsView(), done, {
      logDir: this.ladder.system.logDir,
    });
  }

  // ---- training (the operator asks, the provider teaches) ----

  /** The operator asks for a place on the programme's intake: enrolled while seats remain. */
  async enrol(): Promise<string> {
    const place = await this.ladder.trainingOperator.requestPlace(
      this.setting.intakeId,
      this.who.participantId,
      this.who.programmeId,
    );
    await this.untilStage('training');
    return place.id;
  }

  /** The provider takes the register and records the course passed, the qualification awarded. */
  async completeCourse(placeId: string): Promise<void> {
    await this.ladder.provider.recordRegister(this.setting.intakeId, 1, [
      { placeId, mark: 'attended' },
    ]);
    await this.ladder.provider.complete(placeId, 'passed', {
      awardingBody: 'Skills for Care',
      awardedOn: calendarDay(),
    });
    await this.untilStage('employability');
  }

  /** The learner leaves the course; the journey goes on in employability support. */
  async withdrawFromCourse(placeId: string): Promise<void> {
    await this.ladder.provider.withdraw(placeId, 'caring-responsibilities');
    await this.untilStage('employability');
  }

  /** The learner goes on to further education: an ending of its own. */
  async progressToFurtherEducation(placeId: string): Promise<void> {
    await this.ladder.provider.progress(placeId);
    await this.untilOutcome('further-education');
  }

  // ---- a placement (the operator proposes, the employer decides) ----

  async proposePlacement(): Promise<string> {
    const placement = await this.ladder.employmentOperator.proposePlacement(
      this.setting.slotId,
      this.who,
    );
    await this.untilStage('placement');
    return placement.id;
  }

  /** Confirmed, started and completed by the employer; the journey waits for an interview. */
  async completePlacement(placementId: string): Promise<void> {
    for (const move of ['confirm', 'start', 'complete'] as const)
      await this.ladder.employer.movePlacement(placementId, move);
    await this.until('placement-completed', (r) =>
      r.milestones.some((m) => m.code === 'placement-completed'),
    );
  }

  /** The employer declines: back to employability support. */
  async declinePlacement(placementId: string): Promise<void> {
    await this.ladder.employer.declinePlacement(placementId, 'no-capacity');
    await this.untilStage('employability');
  }

  // ---- an interview and an offer ----

  /** The operator arranges an interview for the vacancy; the employer records it successful. */
  async interview(): Promise<string> {
    const interview = await this.ladder.employmentOperator.scheduleInterview(
      this.setting.vacancyId,
      this.who,
      new Date(Date.now() + 3_600_000).toISOString(),
      'in-person',
    );
    await this.ladder.employer.recordInterview(interview.id, 'successful');
    return interview.id;
  }

  /** The employer makes a conditional offer after the interview. */
  async offer(interviewId: string): Promise<Offer> {
    const offer = await this.ladder.employer.makeOffer(
      this.setting.vacancyId,
      this.who,
      interviewId,
    );
    await this.untilStage('offer');
    return offer;
  }

  /** The participant's answer, recorded by the operator. */
  async answerOffer(offerId: string, answer: 'accept' | 'decline'): Promise<void> {
    await this.ladder.employmentOperator.answerOffer(offerId, answer);
    await this.untilStage(answer === 'accept' ? 'pre-employment-checks' : 'employability');
  }

  /**
   * The employer works through the six checks: all cleared (the offer becomes unconditional),
   * or one failed (the offer is withdrawn and the journey goes back to employability support).
   */
  async runChecks(offerId: string, failed?: PreEmploymentCheck): Promise<void> {
    const today = calendarDay();
    for (const check of preEmploymentChecks) {
      if (check === failed) {
        await this.ladder.employer.setCheck(offerId, check, 'failed', today);
        await this.untilStage('employability');
        return;
      }
      await this.ladder.employer.setCheck(offerId, check, 'cleared', today);
    }
    await this.until('offer-made-unconditional', (r) =>
      r.milestones.some((m) => m.code === 'offer-made-unconditional'),
    );
  }

  /** The employer agrees the first day and confirms the start: hired. */
  async startInPost(offerId: string): Promise<void> {
    await this.ladder.employer.agreeStartDate(offerId, calendarDay());
    await this.ladder.employer.start(offerId, calendarDay());
    await this.untilStage('in-work');
    await this.untilOutcome('hired');
  }

  /** The employer answers "in post" at a mark (seconds after the start, on these programmes). */
  async confirmInPost(offerId: string, weeks: 13 | 26): Promise<void> {
    await this.ladder.employer.answerSustainment(offerId, weeks);
    await this.untilOutcome(weeks === 13 ? 'sustained-13-weeks' : 'sustained-26-weeks');
  }

  /** In post at 13 and at 26 weeks: the job lasted. */
  async sustain(offerId: string): Promise<void> {
    await this.confirmInPost(offerId, 13);
    await this.confirmInPost(offerId, 26);
  }

  /** The person left the post before 26 weeks: the job did not last. */
  async leavePost(offerId: string): Promise<void> {
    await this.ladder.employer.leave(offerId, calendarDay(), 'found-other-work');
    await this.untilOutcome('not-sustained');
  }

  // ---- the whole way from the referral to a start in post ----

  /** Trained, placed, interviewed, offered, checked and started: the usual way to a job. */
  async hire(): Promise<string> {
    const placeId = await this.enrol();
    await this.completeCourse(placeId);
    await this.completePlacement(await this.proposePlacement());
    return this.hireFromHere();
  }

  /** From employability support or a placement: an interview, an offer accepted, checks, a start. */
  async hireFromHere(): Promise<string> {
    const offer = await this.offer(await this.interview());
    await this.answerOffer(offer.id, 'accept');
    await this.runChecks(offer.id);
    await this.startInPost(offer.id);
    return offer.id;
  }

  // ---- the Job Centre and programme staff ----

  async withdrawByReferrer(): Promise<void> {
    await this.referrer.withdraw(this.referralId, 'moved-away');
    await this.untilOutcome('withdrawn');
  }

  /**
   * Staff post one of the action forms of the participant's page, as it is on the page (once the
   * read model shows the journey, the page has its forms).
   */
  async staffAct(
    staff: StaffSession,
    action: StaffAction,
    fields: Record<string, string>,
  ): Promise<FormAnswer> {
    await this.untilOps('the journey', () => true);
    return staff.submit(`/journeys/${this.referralId}`, action, fields);
  }
}
