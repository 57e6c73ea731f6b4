import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  journeyMilestoneRecordedV1,
  journeyOutcomeRecordedV1,
  journeyStageChangedV1,
  journeyStalledV1,
  type EventData,
  type EventEnvelope,
} from '@ladder/events';
import { journeyHandlers } from '../src/events/journey-handlers.js';
import { handleEach, readReferral, submitReferral } from './support/closed-loop.js';
import {
  bearer,
  programmeId,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

type StaffStep = EventData<typeof journeyMilestoneRecordedV1>;

describe('the closed loop from the journey', () => {
  let t: ReferralTestApp;
  const handlers = journeyHandlers();
  // These are v1 events: handleEach upcasts them, as the consumer runner does.
  const handle = (event: EventEnvelope) => handleEach(t, handlers, [event]);
  const referral = () => submitReferral(t);
  const read = (id: string) => readReferral(t, id);
  const context = (participantId: string) => ({
    source: 'journey-worker',
    subject: participantId,
    correlationId: 'c',
  });

  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when the journey changes stage, stalls and ends, then the referrer sees each as a milestone and the final status', async () => {
    const { id, participantId } = await referral();
    const ids = {
      referralId: id,
      participantId,
      programmeId,
      occurredAt: new Date().toISOString(),
    };
    await handle(
      createEnvelope(
        journeyStageChangedV1,
        { ...ids, stage: 'engagement', previousStage: 'referral' },
        context(participantId),
      ),
    );
    await handle(
      createEnvelope(
        journeyStalledV1,
        {
          ...ids,
          stage: 'engagement',
          deadline: 'first-contact',
          dueAt: ids.occurredAt,
          waitingFor: 'first contact',
          from: 'programme-operator',
          escalated: false,
        },
        context(participantId),
      ),
    );
    expect(await read(id)).toMatchObject({
      status: 'in-progress',
      stage: 'engagement',
      active: true,
    });

    await handle(
      createEnvelope(
        journeyOutcomeRecordedV1,
        { ...ids, outcome: 'further-education', final: true },
        context(participantId),
      ),
    );
    await handle(
      createEnvelope(
        journeyStageChangedV1,
        { ...ids, stage: 'closed', previousStage: 'engagement' },
        context(participantId),
      ),
    );
    const final = await read(id);
    expect(final).toMatchObject({
      status: 'closed',
      outcome: 'further-education',
      stage: 'closed',
      active: false,
    });
    expect(final.milestones.map((m) => m.code)).toEqual([
      'referral-received',
      'referral-accepted',
      'stage-engagement',
      'journey-stalled',
      'outcome-further-education',
      'stage-closed',
    ]);
  });

  it('when a withdrawn referral’s journey closes, then the referrer sees it closed and still withdrawn', async () => {
    const { id, participantId } = await referral();
    const ids = { referralId: id, participantId, programmeId };
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    await handle(
      createEnvelope(
        journeyStageChangedV1,
        { ...ids, occurredAt: at(0), stage: 'training', previousStage: 'engagement' },
        context(participantId),
      ),
    );
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/withdraw`,
      headers: bearer(t.jobCentre),
      payload: { reasonCode: 'moved-away' },
    });
    expect(withdrawn.statusCode).toBe(204);
    await handle(
      createEnvelope(
        journeyOutcomeRecordedV1,
        { ...ids, occurredAt: at(1), outcome: 'withdrawn', final: true },
        context(participantId),
      ),
    );
    await handle(
      createEnvelope(
        journeyStageChangedV1,
        { ...ids, occurredAt: at(1), stage: 'closed', previousStage: 'training' },
        context(participantId),
      ),
    );
    expect(await read(id)).toMatchObject({
      status: 'withdrawn',
      stage: 'closed',
      outcome: 'withdrawn',
      active: false,
    });
  });

  it('when staff record milestones on the journey, then the referrer sees each by its code only, once, and another referrer sees none', async () => {
    const { id, participantId } = await referral();
    const ids = { referralId: id, participantId, programmeId };
    const recorded = (data: Omit<StaffStep, keyof typeof ids | 'occurredAt'>) =>
      createEnvelope(
        journeyMilestoneRecordedV1,
        { ...ids, occurredAt: new Date().toISOString(), ...data },
        context(participantId),
      );
    const plan = recorded({ code: 'action-plan-agreed', recordedBy: 'staff-7' });
    for (const event of [
      recorded({ code: 'first-contact', recordedBy: 'staff-7' }),
      recorded({ code: 'mentor-assigned', mentorId: 'mentor-3', recordedBy: 'staff-7' }),
      plan,
      plan, // redelivered
      recorded({ code: 'cv-ready', recordedBy: 'staff-7' }),
      recorded({ code: 'application-submitted', ref: 'vacancy-9', recordedBy: 'staff-7' }),
      recorded({
        code: 'application-outcome',
        ref: 'vacancy-9',
        applicationOutcome: 'unsuccessful',
        recordedBy: 'staff-7',
      }),
    ])
      await handle(event);

    const seen = await read(id);
    const staffSteps = seen.milestones.filter(
      (m) => !m.code.startsWith('referral-') && !m.code.startsWith('consent-'),
    );
    expect(staffSteps.map((m) => m.code)).toEqual([
      'first-contact',
      'mentor-assigned',
      'action-plan-agreed',
      'cv-ready',
      'application-submitted',
      'application-outcome',
    ]);
    // Which vacancy, its outcome and the staff ids are the operator's, not the referrer's.
    for (const m of staffSteps) expect(m.detail).toEqual({});
    // Milestones alone leave the status as it was: the journey's stage events move it.
    expect(seen.status).toBe('accepted');

    const other = await t.app.inject({
      method: 'GET',
      url: `/v1/referrals/${id}`,
      headers: bearer(t.otherJobCentre),
    });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('action-plan-agreed');
  });

  it('when the same journey event is handled twice, then its milestone is recorded once', async () => {
    const { id, participantId } = await referral();
    const event = createEnvelope(
      journeyStageChangedV1,
      {
        referralId: id,
        participantId,
        programmeId,
        occurredAt: new Date().toISOString(),
        stage: 'training',
        previousStage: 'engagement',
      },
      context(participantId),
    );
    await handle(event);
    await handle(event);
    expect((await read(id)).milestones.filter((m) => m.code === 'stage-training')).toHaveLength(1);
  });

  it('when a closed journey lets the person be referred again, then a new referral is accepted', async () => {
    const body = referralBody();
    const first = await submitReferral(t, body);
    await handle(
      createEnvelope(
        journeyOutcomeRecordedV1,
        {
          referralId: first.id,
          participantId: first.participantId,
          programmeId,
          occurredAt: new Date().toISOString(),
          outcome: 'disengaged',
          final: true,
        },
        context(first.participantId),
      ),
    );
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json<{ participantId: string }>().participantId).toBe(first.participantId);
  });
});
