import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  journeyOutcomeRecordedV1,
  journeyStageChangedV1,
  journeyStalledV1,
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
