import { Kafka, logLevel } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '@ladder/auth';
import { testStack } from '@ladder/testing';
import { demoKey } from '../src/system/description.js';
import { theSystem } from '../src/system/the-system.js';

interface Journey {
  referralId: string;
  participantId: string;
  area: string | null;
  priorityGroups: string[] | null;
}

/**
 * The reporting profile across the two services that hold the reporting keys, each as its own
 * process (the e2e run's system, as under npm start) on the test stack: a Job Centre refers someone who consents to
 * outcome reporting; the ops service's journey gets their postcode area and priority groups,
 * which travelled sealed; the consent withdrawn, and the participant erased, take them away.
 */
describe('the sealed reporting profile, end to end', () => {
  let referralApi: string;
  let opsApi: string;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    // The run's system, with npm start's demo referrals (the third test counts them).
    const system = await theSystem();
    referralApi = system.urls.referral;
    opsApi = system.urls.ops;
    for (const [id, scope] of [
      ['org-luton-jobcentre', scopes.referralsWrite],
      ['org-blmk-academy', scopes.reportsRead],
      ['org-northants-icb', scopes.reportsRead],
    ] as const)
      keys.set(id, demoKey(system, id, scope));
  });

  const call = (base: string, as: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${keys.get(as)}`,
        'idempotency-key': crypto.randomUUID(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const journeyInOps = async (
    referralId: string,
    as = 'org-blmk-academy',
  ): Promise<{ status: number; journey?: Journey }> => {
    const response = await call(opsApi, as, 'GET', `/v1/ops/journeys/${referralId}`);
    return response.ok
      ? { status: response.status, journey: (await response.json()) as Journey }
      : { status: response.status };
  };
  const waitForOps = async (referralId: string, done: (j: Journey) => boolean) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { journey } = await journeyInOps(referralId);
      if ((journey && done(journey)) || Date.now() > deadline) return journey;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const refer = async (familyName: string, postcode: string, priorityGroups: string[]) => {
    const submitted = await call(referralApi, 'org-luton-jobcentre', 'POST', '/v1/referrals', {
      programmeId: 'blmk-step-into-health',
      person: { givenName: 'Rene', familyName, dateOfBirth: '2002-07-01', postcode },
      priorityGroups,
      workCoach: { name: 'Priya Shah', email: 'priya.shah@jobcentre.example' },
      consent: {
        purposes: ['programme-delivery', 'outcome-reporting'],
        recipients: ['programme-operator'],
        givenAt: '2026-11-01T09:00:00Z',
        expiresAt: '2028-11-01T09:00:00Z',
      },
    });
    expect(submitted.status).toBe(201);
    return (await submitted.json()) as { id: string; participantId: string };
  };
  const typesOf = (messages: string[]) =>
    messages.map((m) => (JSON.parse(m) as { type: string }).type);

  it('when a consenting participant is referred, then ops holds their area and groups, the topic none of them in the clear, and a withdrawal of consent takes them away', async () => {
    const { id, participantId } = await refer('Reporting', 'MK9 3XS', [
      'neurodivergent',
      'care-experienced',
    ]);
    expect(await waitForOps(id, (j) => j.area !== null)).toMatchObject({
      area: 'MK',
      priorityGroups: ['care-experienced', 'neurodivergent'],
    });
    expect((await journeyInOps(id, 'org-northants-icb')).status).toBe(404);

    const ours = await messagesOf(participantId);
    expect(typesOf(ours)).toEqual(['ReferralSubmitted', 'ReportingProfileShared']);
    for (const message of ours)
      expect(message).not.toMatch(/neurodivergent|care-experienced|MK9|"MK"/);

    const withdrawal = await call(
      referralApi,
      'org-luton-jobcentre',
      'POST',
      `/v1/referrals/${id}/consent/withdrawals`,
      { purposes: ['outcome-reporting'] },
    );
    expect(withdrawal.status).toBe(201);
    expect(await waitForOps(id, (j) => j.area === null)).toMatchObject({
      area: null,
      priorityGroups: null,
    });
  });

  it('when the operator erases a participant, then ParticipantErased reaches ops and takes their codes away', async () => {
    const { id, participantId } = await refer('Erasure', 'LU2 7AA', ['send']);
    expect(await waitForOps(id, (j) => j.area !== null)).toMatchObject({
      area: 'LU',
      priorityGroups: ['send'],
    });
    const erased = await call(
      referralApi,
      'org-blmk-academy',
      'POST',
      `/v1/participants/${participantId}/erase`,
    );
    expect(erased.status).toBe(204);
    expect(await waitForOps(id, (j) => j.area === null)).toMatchObject({
      area: null,
      priorityGroups: null,
    });
    expect(typesOf(await messagesOf(participantId))).toContain('ParticipantErased');
  });

  it('when the demo referrals of npm start are in, then the report has figures for each of their areas and groups', async () => {
    type Report = { groups: { key: string; figures: { referred: number } }[] };
    const keysOf = async (breakdown: string) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const response = await call(
          opsApi,
          'org-blmk-academy',
          'GET',
          `/v1/ops/reports/outcomes?breakdown=${breakdown}&programmeId=blmk-step-into-health`,
        );
        const keys = ((await response.json()) as Report).groups.map((g) => g.key);
        if (keys.includes('not-shared') || Date.now() > deadline) return keys;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    expect(await keysOf('area')).toEqual(
      expect.arrayContaining(['B', 'LU', 'MK', 'SG', 'not-shared']),
    );
    expect(await keysOf('priority-group')).toEqual(
      expect.arrayContaining(['care-experienced', 'neet', 'neurodivergent', 'send', 'not-shared']),
    );
  });

  const kafka = () => new Kafka({ brokers: testStack().kafka.brokers, logLevel: logLevel.NOTHING });
  const messagesOf = (participantId: string) =>
    readKeyed(kafka(), 'ladder.referrals', participantId);
});

/** The values of a topic's messages keyed by one participant, read from the beginning. */
async function readKeyed(kafka: Kafka, topic: string, key: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `e2e-reader-${crypto.randomUUID()}` });
  const values: string[] = [];
  const pending = new Set(ends.filter((p) => p.high !== p.low).map((p) => p.partition));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    if (pending.size === 0) resolve();
    void consumer.run({
      eachMessage: ({ partition, message }) => {
        if (message.key?.toString() === key) values.push(message.value!.toString());
        const end = ends.find((p) => p.partition === partition)!;
        if (BigInt(message.offset) + 1n >= BigInt(end.high)) pending.delete(partition);
        if (pending.size === 0) resolve();
        return Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  return values;
}
