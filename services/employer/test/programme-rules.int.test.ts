import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, programmeRulesPublishedV1, topics } from '@ladder/events';
import { ConsumerRunner, createKafka, ensureTopics, type Kafka } from '@ladder/kafka';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { testStack, uniqueTopic } from '@ladder/testing';
import { referralHandlers } from '../src/events/referral-handlers.js';
import {
  proposedParticipant,
  startEmployerApp,
  vacancyAt,
  type EmployerTestApp,
} from './support/employer-app.js';
import { makeOffer, type OfferRow } from './support/offers.js';

/**
 * The programme's deadlines reach this service as in production: ProgrammeRulesPublished on a
 * Kafka topic (this file's own), handled by the service's referral handlers.
 */
describe('the programme’s deadlines, from ProgrammeRulesPublished through Kafka', () => {
  let t: EmployerTestApp;
  let kafka: Kafka;
  let consumer: ConsumerRunner;
  const name = uniqueTopic(topics.referrals.name);
  const referrals = { ...topics.referrals, name, deadLetterTopic: `${name}.dlq`, partitions: 1 };

  beforeAll(async () => {
    t = await startEmployerApp();
    kafka = createKafka({
      brokers: testStack().kafka.brokers,
      clientId: 'employer-rules',
      logger: t.deps.logger,
    });
    await ensureTopics(kafka, [referrals]);
    consumer = new ConsumerRunner({
      kafka,
      pool: t.pool,
      logger: t.deps.logger,
      groupId: `employer-service.referrals-${randomUUID()}`,
      topics: [referrals],
      handlers: referralHandlers(),
    });
    await consumer.start();
  }, 120_000);
  afterAll(async () => {
    await consumer.stop();
    await t.close();
  });

  it('when a programme publishes its rules again with an offer-response deadline, then the next offer must be answered within it', async () => {
    const { vacancyId } = await vacancyAt(t);
    const { programmeId, participantId } = await proposedParticipant(t);
    const event = createEnvelope(
      programmeRulesPublishedV1,
      {
        programmeId,
        version: 2,
        operatorOrganisationId: t.operator.organisationId,
        rules: {
          ageRange: { min: 16, max: 64 },
          eligibleGroups: [],
          areas: [],
          deadlines: { ...guidanceDeadlines, offerResponseDays: 4 },
          training: {},
          employment: {},
        },
      },
      { source: 'referral-service', subject: programmeId, correlationId: randomUUID() },
    );
    const producer = kafka.producer();
    await producer.connect();
    // A topic made a moment ago may not have its leader known to every connection yet.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await producer.send({
          topic: name,
          messages: [{ key: programmeId, value: JSON.stringify(event) }],
        });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await producer.disconnect();
    let deadlines: unknown = null;
    for (let i = 0; i < 300 && deadlines === null; i += 1) {
      const { rows } = await t.pool.query<{ deadlines: unknown }>(
        'select deadlines from programmes where id = $1',
        [programmeId],
      );
      deadlines = rows[0]?.deadlines ?? null;
      if (deadlines === null) await new Promise((r) => setTimeout(r, 100));
    }
    expect(deadlines).toMatchObject({ offerResponseDays: 4 });
    const offer = (await makeOffer(t, vacancyId, { participantId, programmeId })).json<OfferRow>();
    expect(Math.round((Date.parse(offer.respondBy) - Date.now()) / 86_400_000)).toBe(4);
  });
});
