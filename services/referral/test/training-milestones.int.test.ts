import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, trainingCompletedV1, trainingEnrolledV1 } from '@ladder/events';
import { trainingHandlers } from '../src/events/training-handlers.js';
import { handleEach, readReferral, submitReferral } from './support/closed-loop.js';
import { programmeId, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

describe("the referrer's closed loop shows each training step", () => {
  let t: ReferralTestApp;
  const handlers = trainingHandlers();
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when the training service reports an enrolment and a completion, then each is a milestone of the referral, once', async () => {
    const submitted = await submitReferral(t);
    const place = {
      placeId: randomUUID(),
      participantId: submitted.participantId,
      programmeId,
      intakeId: randomUUID(),
      courseId: randomUUID(),
      providerOrganisationId: 'org-luton-college',
      occurredAt: new Date().toISOString(),
    };
    const context = {
      source: 'training-service',
      subject: submitted.participantId,
      correlationId: 'c-1',
    };
    const enrolled = createEnvelope(
      trainingEnrolledV1,
      { ...place, qualification: 'care-certificate', via: 'request' },
      context,
    );
    const completed = createEnvelope(
      trainingCompletedV1,
      { ...place, result: 'passed', qualification: 'care-certificate', qualificationAwarded: true },
      context,
    );
    await handleEach(t, handlers, [enrolled, completed, completed]);

    const detail = await readReferral(t, submitted.id);
    const training = detail.milestones.filter((m) => m.code.startsWith('training-'));
    expect(training.map((m) => m.code)).toEqual(['training-enrolled', 'training-completed']);
    expect(training[0]!.detail).toEqual({ placeId: place.placeId, courseId: place.courseId });
  });
});
