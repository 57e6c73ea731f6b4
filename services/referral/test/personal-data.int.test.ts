import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '@ladder/events';
import { readTopic } from '@ladder/kafka';
import {
  bearer,
  niNumber,
  referralBody,
  startReferralApp,
  type ReferralTestApp,
} from './support/referral-app.js';

describe('personal data', () => {
  let t: ReferralTestApp;
  const ni = niNumber();
  const familyName = `Quillfeather-${randomUUID().slice(0, 8)}`;
  let referralId: string;
  let participantId: string;

  beforeAll(async () => {
    t = await startReferralApp();
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody({ person: { niNumber: ni, familyName } }),
    });
    ({ id: referralId, participantId } = response.json<{ id: string; participantId: string }>());
    // Exercise the other paths that log, so the log search covers them too.
    await t.app.inject({
      method: 'GET',
      url: `/v1/referrals/${referralId}`,
      headers: bearer(t.jobCentre),
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: { ...bearer(t.jobCentre), 'idempotency-key': randomUUID() },
      payload: referralBody({ person: { niNumber: ni, familyName } }),
    });
  });
  afterAll(async () => t.close());

  it('when the database is searched in plain text, then neither the NI number nor the name is found', async () => {
    const { rows } = await t.pool.query<{ hits: number }>(
      `select count(*)::int as hits from (
         select row_to_json(r)::text as t from referrals r
         union all select row_to_json(m)::text from referral_milestones m
         union all select row_to_json(o)::text from ladder_outbox o
         union all select row_to_json(i)::text from idempotency_keys i
         union all select row_to_json(d)::text from webhook_deliveries d
       ) x where t ilike $1 or t ilike $2`,
      [`%${ni}%`, `%${familyName}%`],
    );
    expect(rows[0]?.hits).toBe(0);
  });

  it('when the logs are searched, then neither the NI number nor the name is found', () => {
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(ni);
    expect(logs).not.toContain(familyName);
  });

  it('when the event queued for Kafka is read, then it carries ids and codes only', async () => {
    const { rows } = await t.pool.query<{ payload: unknown }>(
      `select payload from ladder_outbox where payload->'data'->>'referralId' = $1`,
      [referralId],
    );
    const text = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(text).not.toContain(ni);
    expect(text).not.toContain(familyName);
    expect(text).not.toMatch(/neurodivergent|quiet room/);
  });

  it('when the relay has published to Kafka, then the topic holds neither the NI number nor the name', async () => {
    const kafka = await t.relayOutbox('personal-data-test');

    const messages = await readTopic(kafka, topics.referrals.name);
    const ours = messages.filter((m) => m.value?.toString().includes(referralId));
    expect(ours).toHaveLength(1);
    const everything = messages
      .map(
        (m) =>
          `${m.key?.toString()} ${m.value?.toString()} ${Object.values(m.headers ?? {})
            .map(String)
            .join(' ')}`,
      )
      .join('\n');
    expect(everything).not.toContain(ni);
    expect(everything).not.toContain(familyName);
  });

  it('when another operator asks to erase the participant, then it is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/participants/${participantId}/erase`,
      headers: bearer(t.otherOperator),
    });
    expect(response.statusCode).toBe(404);
  });

  it('when the programme operator erases the participant, then their data is unreadable everywhere but the figures remain', async () => {
    const erase = await t.app.inject({
      method: 'POST',
      url: `/v1/participants/${participantId}/erase`,
      headers: bearer(t.operator),
    });
    expect(erase.statusCode).toBe(204);
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/referrals/${referralId}`,
      headers: bearer(t.jobCentre),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: referralId, status: 'accepted', personalData: null });
    const { rows } = await t.pool.query(
      'select 1 from participant_keys where participant_id = $1',
      [participantId],
    );
    expect(rows).toHaveLength(0);
  });
});
