import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  employmentCheckUpdatedV1,
  interviewRecordedV1,
  placementConfirmedV1,
} from '@ladder/events';
import { employerHandlers } from '../src/events/employer-handlers.js';
import { handleEach, readReferral, submitReferral } from './support/closed-loop.js';
import { programmeId, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

describe("the referrer's closed loop shows each employer step", () => {
  let t: ReferralTestApp;
  const handlers = employerHandlers();
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  it('when the employer reports a placement, an interview and a check, then each is a milestone of the referral by its code only, once', async () => {
    const submitted = await submitReferral(t);
    const ids = {
      participantId: submitted.participantId,
      programmeId,
      employerOrganisationId: 'org-bedford-hospital',
      occurredAt: new Date().toISOString(),
    };
    const context = {
      source: 'employer-service',
      subject: submitted.participantId,
      correlationId: 'c-1',
    };
    const confirmed = createEnvelope(
      placementConfirmedV1,
      { ...ids, placementId: randomUUID(), slotId: randomUUID(), placementKind: 'work-experience' },
      context,
    );
    const missed = createEnvelope(
      interviewRecordedV1,
      {
        ...ids,
        interviewId: randomUUID(),
        vacancyId: randomUUID(),
        attendance: 'missed',
        result: null,
      },
      context,
    );
    const check = createEnvelope(
      employmentCheckUpdatedV1,
      {
        ...ids,
        offerId: randomUUID(),
        vacancyId: randomUUID(),
        check: 'criminal-record-and-barring',
        status: 'failed',
        owner: null,
        thirdParty: null,
        dueOn: null,
        evidenceSeenOn: [],
      },
      context,
    );
    await handleEach(t, handlers, [confirmed, missed, check, check]);

    const detail = await readReferral(t, submitted.id);
    const employer = detail.milestones.filter((m) =>
      ['placement-confirmed', 'interview-missed', 'check-updated'].includes(m.code),
    );
    expect(employer.map((m) => m.code)).toEqual([
      'placement-confirmed',
      'interview-missed',
      'check-updated',
    ]);
    // Which check failed is not the referrer's to see.
    expect(employer[2]!.detail).toEqual({ employerOrganisationId: 'org-bedford-hospital' });
  });
});
