import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithRing } from '@ladder/crypto';
import { openReportingProfile } from '@ladder/reporting-profile';
import {
  reportingProfileContext,
  reportingProfileSharedV1,
  topics,
  type EventData,
} from '@ladder/events';
import { readTopic } from '@ladder/kafka';
import { bearer, startReferralApp, type ReferralTestApp } from './support/referral-app.js';

interface OutboxEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const reportingConsent = {
  purposes: ['programme-delivery', 'outcome-reporting'],
  recipients: ['programme-operator', 'training-provider'],
  givenAt: '2026-11-20T09:00:00Z',
  expiresAt: '2027-11-20T09:00:00Z',
};

describe("the participant's reporting profile, sealed for the programme operator", () => {
  let t: ReferralTestApp;
  beforeAll(async () => {
    t = await startReferralApp();
  });
  afterAll(async () => t.close());

  const refer = (overrides: Record<string, unknown> = {}) => t.refer(overrides);
  const outbox = async (type: string, subject: string): Promise<OutboxEvent[]> =>
    (
      await t.pool.query<{ payload: OutboxEvent }>(
        `select payload from ladder_outbox where payload->>'type' = $1 and payload->>'subject' = $2
          order by id`,
        [type, subject],
      )
    ).rows.map((r) => r.payload);
  const opened = (event: OutboxEvent) =>
    openReportingProfile(
      t.deps.reportingKeys,
      event.data as EventData<typeof reportingProfileSharedV1>,
    );

  it('when the consent covers outcome reporting to the operator, then the referral shares its postcode area and groups, sealed, and nothing of them in the clear', async () => {
    const { id, participantId } = await refer({
      consent: reportingConsent,
      priorityGroups: ['send', 'neet', 'send'],
      person: { postcode: 'mk9 2fw' },
    });
    const [shared, ...more] = await outbox('ReportingProfileShared', participantId);
    expect(more).toEqual([]);
    expect(shared!.data).toMatchObject({
      referralId: id,
      participantId,
      programmeId: 'blmk-step-into-health',
    });
    expect(opened(shared!)).toEqual({ area: 'MK', priorityGroups: ['neet', 'send'] });
    const { profile: _, ...clear } = shared!.data;
    expect(JSON.stringify(clear)).not.toMatch(/MK9|"MK"|neet|send/);
    // Sealed with the referral as context: it does not open as another referral's.
    const data = shared!.data as EventData<typeof reportingProfileSharedV1>;
    expect(() =>
      openWithRing(
        t.deps.reportingKeys,
        { keyId: data.profile.keyId, sealed: Buffer.from(data.profile.sealed, 'base64') },
        reportingProfileContext(randomUUID()),
      ),
    ).toThrow();
  });

  it('when participants are in different numbers of groups, then their sealed profiles are the same length', async () => {
    const one = await refer({ consent: reportingConsent, priorityGroups: ['neet'] });
    const many = await refer({
      consent: reportingConsent,
      priorityGroups: [
        'care-experienced',
        'neurodivergent',
        'economically-disadvantaged-area',
        'needs-esol',
        'unpaid-carer',
      ],
    });
    const sealedOf = async (participantId: string) =>
      (
        (await outbox('ReportingProfileShared', participantId))[0]!.data.profile as {
          sealed: string;
        }
      ).sealed;
    expect((await sealedOf(one.participantId)).length).toBe(
      (await sealedOf(many.participantId)).length,
    );
  });

  it('when the consent leaves out outcome reporting or the operator, then nothing of the profile is shared', async () => {
    const noPurpose = await refer(); // programme delivery, training, work placement
    const noOperator = await refer({
      consent: { ...reportingConsent, recipients: ['training-provider'] },
    });
    expect(await outbox('ReportingProfileShared', noPurpose.participantId)).toEqual([]);
    expect(await outbox('ReportingProfileShared', noOperator.participantId)).toEqual([]);
    expect(await outbox('ReferralSubmitted', noOperator.participantId)).toHaveLength(1);
  });

  it('when the consent is renewed, then the profile is shared again; not once outcome reporting was withdrawn', async () => {
    const renew = (id: string, expiresAt: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/referrals/${id}/consent/renewals`,
        headers: bearer(t.jobCentre),
        payload: { expiresAt },
      });
    const kept = await refer({ consent: reportingConsent, priorityGroups: ['unpaid-carer'] });
    expect((await renew(kept.id, '2028-01-01T00:00:00Z')).statusCode).toBe(201);
    const shares = await outbox('ReportingProfileShared', kept.participantId);
    expect(shares).toHaveLength(2);
    expect(opened(shares[1]!)).toEqual({ area: 'LU', priorityGroups: ['unpaid-carer'] });

    const withdrawn = await refer({ consent: reportingConsent });
    const withdrawal = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${withdrawn.id}/consent/withdrawals`,
      headers: bearer(t.jobCentre),
      payload: { purposes: ['outcome-reporting'] },
    });
    expect(withdrawal.statusCode).toBe(201);
    expect((await renew(withdrawn.id, '2028-01-01T00:00:00Z')).statusCode).toBe(201);
    expect(await outbox('ReportingProfileShared', withdrawn.participantId)).toHaveLength(1);
    const [announced] = await outbox('ConsentWithdrawn', withdrawn.participantId);
    expect(announced!.data).toMatchObject({ purposes: ['outcome-reporting'], recipients: [] });
  });

  it('when the operator erases the participant, then ParticipantErased carries ids only, and a renewal shares nothing', async () => {
    const { id, participantId } = await refer({ consent: reportingConsent });
    const erase = await t.app.inject({
      method: 'POST',
      url: `/v1/participants/${participantId}/erase`,
      headers: bearer(t.operator),
    });
    expect(erase.statusCode).toBe(204);
    const [erased] = await outbox('ParticipantErased', participantId);
    expect(erased!.data).toEqual({
      participantId,
      erasedAt: expect.any(String) as string,
      erasedBy: t.operator.organisationId,
    });
    const renewal = await t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${id}/consent/renewals`,
      headers: bearer(t.jobCentre),
      payload: { expiresAt: '2028-02-01T00:00:00Z' },
    });
    expect(renewal.statusCode).toBe(201);
    expect(await outbox('ReportingProfileShared', participantId)).toHaveLength(1);
  });

  it('when another operator asks to erase the participant, then it is refused and nothing is announced', async () => {
    const { participantId } = await refer({ consent: reportingConsent });
    const erase = await t.app.inject({
      method: 'POST',
      url: `/v1/participants/${participantId}/erase`,
      headers: bearer(t.otherOperator),
    });
    expect(erase.statusCode).toBe(404);
    expect(await outbox('ParticipantErased', participantId)).toEqual([]);
  });

  it('when the relay has published to Kafka, then the raw topic holds the sealed profile and no area, postcode or group in the clear', async () => {
    const postcode = 'SG1 1AA';
    const { participantId } = await refer({
      consent: reportingConsent,
      priorityGroups: ['neurodivergent', 'care-experienced'],
      person: { postcode },
    });
    const kafka = await t.relayOutbox('reporting-profile-test');

    const ours = (await readTopic(kafka, topics.referrals.name)).filter(
      (m) => m.key?.toString() === participantId,
    );
    expect(
      ours.map((m) => (JSON.parse(m.value!.toString()) as { type: string }).type).sort(),
    ).toEqual(['ReferralSubmitted', 'ReportingProfileShared']);
    for (const message of ours) {
      const envelope = JSON.parse(message.value!.toString()) as OutboxEvent;
      const sealed = (envelope.data.profile as { sealed?: string } | undefined)?.sealed ?? '';
      const headers = Object.values(message.headers ?? {})
        .map(String)
        .join(' ');
      const clear = `${message.value!.toString().replace(sealed, '')} ${headers}`;
      expect(clear).not.toMatch(/neurodivergent|care-experienced|SG1|"SG"/);
      expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('neurodivergent');
    }
    const shared = ours
      .map((m) => JSON.parse(m.value!.toString()) as OutboxEvent)
      .find((e) => e.type === 'ReportingProfileShared')!;
    expect(opened(shared)).toEqual({
      area: 'SG',
      priorityGroups: ['care-experienced', 'neurodivergent'],
    });
  });
});
