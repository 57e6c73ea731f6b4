import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPool, migrate, type Pool } from '@ladder/db';
import {
  consentExpiredV1,
  consentWithdrawnV1,
  createEnvelope,
  journeyMilestoneRecordedV1,
  participantErasedV1,
  reportingProfileSharedV1,
  type ReportingProfile,
  journeyOutcomeRecordedV2,
  journeyStageChangedV2,
  eventCatalogue,
  journeyStalledV3,
  programmeRulesPublishedV1,
  referralSubmittedV2,
  referralWithdrawnV2,
  topics,
  type EventEnvelope,
  type TopicDefinition,
} from '@ladder/events';
import { parseKeyRing, type KeyRing } from '@ladder/crypto';
import { createKafka, ensureTopics, type ConsumerRunner, type Kafka } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createTestDatabase, testStack, uniqueTopic, type TestDatabase } from '@ladder/testing';
import { sealReportingProfile } from '@ladder/reporting-profile';
import {
  guidanceDeadlines,
  type ConsentPurpose,
  type ConsentRecipient,
  type Outcome,
  type Stage,
} from '@ladder/vocabulary';
import { createProjection, type ProjectionOptions } from '../../src/events/rebuild.js';

/** The reporting keys of this test run: the referral service seals with them, the projection opens. */
export const testReportingKeys = parseKeyRing(
  `test-reporting:${randomBytes(32).toString('base64')}`,
);

/** A database with the ops migrations, this file's own topics and a producer onto them. */
export interface ProjectionStack {
  db: TestDatabase;
  pool: Pool;
  kafka: Kafka;
  options: ProjectionOptions;
  referrals: TopicDefinition;
  journeys: TopicDefinition;
  /** The reporting keys the projection opens profiles with, as the referral service seals them. */
  reportingKeys: KeyRing;
  publish(events: readonly EventEnvelope[]): Promise<void>;
  startProjection(): Promise<ConsumerRunner>;
  /** Stops every projection this stack started (a rebuild needs the group without members). */
  stopProjections(): Promise<void>;
  /** Waits until the read model holds `count` milestones. */
  waitForMilestones(count: number): Promise<void>;
  /** Waits until it holds `count` shares, withdrawals and expiries of reporting profiles. */
  waitForProfileChanges(count: number): Promise<void>;
  close(): Promise<void>;
}

const own = (t: TopicDefinition): TopicDefinition => {
  const name = uniqueTopic(t.name);
  return { ...t, name, deadLetterTopic: `${name}.dlq`, partitions: 3 };
};

/**
 * Creates the topics, again while a busy broker still says it does not host one just made (KRaft
 * reports a new topic unknown for a moment, and kafkajs waits only while its leader is missing).
 */
async function ensureTopicsPatiently(kafka: Kafka, wanted: TopicDefinition[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ensureTopics(kafka, wanted);
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(250);
    }
  }
}

async function waitForRows(pool: Pool, table: string, count: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    if (rows[0]!.n >= count) return;
    await sleep(100);
  }
  throw new Error(`the read model never reached ${count} rows of ${table}`);
}

export async function startProjectionStack(): Promise<ProjectionStack> {
  const db = await createTestDatabase('ops');
  await migrate({
    databaseUrl: db.url,
    dir: new URL('../../migrations', import.meta.url).pathname,
  });
  const pool = createPool(db.url, { applicationName: 'ops-test', max: 8 });
  const logger = createLogger({ name: 'ops-test', level: 'warn' });
  const kafka = createKafka({ brokers: testStack().kafka.brokers, clientId: 'ops-test', logger });
  const referrals = own(topics.referrals);
  const journeys = own(topics.journeys);
  await ensureTopicsPatiently(kafka, [referrals, journeys]);
  const producer = kafka.producer();
  await producer.connect();
  const training = own(topics.training);
  const employers = own(topics.employers);
  await ensureTopicsPatiently(kafka, [training, employers]);
  const topicOf = new Map([
    [topics.referrals.name, referrals.name],
    [topics.journeys.name, journeys.name],
    [topics.training.name, training.name],
    [topics.employers.name, employers.name],
  ]);
  const typeTopic = new Map(eventCatalogue.map((d) => [d.type, d.topic.name]));
  const options: ProjectionOptions = {
    pool,
    kafka,
    logger,
    groupBase: `ops-test.${randomUUID()}`,
    topics: [referrals, journeys, training, employers],
    reportingKeys: testReportingKeys,
  };
  const runners: ConsumerRunner[] = [];
  return {
    db,
    pool,
    kafka,
    options,
    referrals,
    journeys,
    reportingKeys: testReportingKeys,
    async publish(events) {
      for (const event of events) {
        const message = {
          topic: topicOf.get(typeTopic.get(event.type)!)!,
          messages: [{ key: event.subject, value: JSON.stringify(event) }],
        };
        // A topic made a moment ago may not have its leaders known to every broker connection yet.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await producer.send(message);
            break;
          } catch (error) {
            if (attempt >= 20) throw error;
            await sleep(250);
          }
        }
      }
    },
    async startProjection() {
      const runner = await createProjection(options);
      await runner.start();
      runners.push(runner);
      return runner;
    },
    async stopProjections() {
      for (const runner of runners.splice(0)) await runner.stop();
    },
    waitForMilestones: (count) => waitForRows(pool, 'journey_milestone', count),
    waitForProfileChanges: (count) => waitForRows(pool, 'reporting_profile_change', count),
    async close() {
      for (const runner of runners.splice(0)) await runner.stop();
      await producer.disconnect();
      await pool.end();
      await db.drop();
    },
  };
}

/** One step of a made-up journey: a stage reached, an outcome, a missed deadline or a withdrawal. */
export type Step =
  | { stage: Stage; at: string }
  | { outcome: Outcome; at: string; reasonCode?: string; final?: boolean }
  | { stalled: 'first-contact' | 'action-plan'; stage: Stage; at: string; dueAt: string }
  | { withdrawn: 'participant-request'; at: string };

export interface MadeJourney {
  referralId: string;
  participantId: string;
  programmeId: string;
  events: EventEnvelope[];
}

/** The events of one journey, referral first, then each step in the order given. */
export function journeyEvents(options: {
  programmeId: string;
  referredAt: string;
  referrerOrganisationId?: string;
  eligible?: boolean;
  /** Shared with the referral, as the referral service does when the consent covers reporting. */
  profile?: ReportingProfile;
  steps?: readonly Step[];
}): MadeJourney {
  const referralId = randomUUID();
  const participantId = randomUUID();
  const { programmeId } = options;
  const context = { source: 'test', subject: participantId, correlationId: referralId };
  const ids = { referralId, participantId, programmeId };
  const events: EventEnvelope[] = [
    createEnvelope(
      referralSubmittedV2,
      {
        ...ids,
        programmeVersion: 1,
        referrerOrganisationId: options.referrerOrganisationId ?? 'jobcentre-luton',
        eligibility:
          options.eligible === false
            ? { decision: 'not-eligible', reasonCodes: ['age-out-of-range'] }
            : { decision: 'eligible', reasonCodes: [] },
        deadlines: guidanceDeadlines,
        submittedAt: options.referredAt,
      },
      context,
    ),
  ];
  if (options.profile) events.push(profileShared(ids, options.profile, options.referredAt));
  let previous: Stage | null = 'referral';
  for (const step of options.steps ?? []) {
    const base = { ...ids, occurredAt: step.at };
    if ('withdrawn' in step) {
      events.push(
        createEnvelope(
          referralWithdrawnV2,
          { ...ids, reasonCode: step.withdrawn, withdrawnAt: step.at },
          context,
        ),
      );
    } else if ('stalled' in step) {
      events.push(
        createEnvelope(
          journeyStalledV3,
          {
            ...base,
            stage: step.stage,
            deadline: step.stalled,
            dueAt: step.dueAt,
            waitingFor: step.stalled,
            from: 'programme-operator',
            escalated: false,
          },
          context,
        ),
      );
    } else if ('stage' in step) {
      events.push(
        createEnvelope(
          journeyStageChangedV2,
          { ...base, stage: step.stage, previousStage: previous },
          context,
        ),
      );
      previous = step.stage;
    } else {
      events.push(
        createEnvelope(
          journeyOutcomeRecordedV2,
          {
            ...base,
            outcome: step.outcome,
            final: step.final ?? false,
            ...(step.reasonCode ? { reasonCode: step.reasonCode } : {}),
          },
          context,
        ),
      );
    }
  }
  return { ...ids, events };
}

/** A programme's rules as the referral service publishes them: who operates it. */
export function programmeEvent(
  programmeId: string,
  operatorOrganisationId: string,
  version = 1,
  employment: { checkDueDays?: number } = {},
) {
  return createEnvelope(
    programmeRulesPublishedV1,
    {
      programmeId,
      version,
      operatorOrganisationId,
      rules: {
        ageRange: { min: 16, max: 30 },
        eligibleGroups: [],
        areas: [],
        deadlines: guidanceDeadlines,
        training: {},
        employment,
      },
    },
    { source: 'test', subject: programmeId, correlationId: programmeId },
  );
}

type JourneyIds = Pick<MadeJourney, 'referralId' | 'participantId' | 'programmeId'>;

const about = (j: { participantId: string }, id?: string) => ({
  source: 'test',
  subject: j.participantId,
  correlationId: j.participantId,
  ...(id ? { id } : {}),
});

/** A journey's reporting profile, sealed as the referral service seals it. */
export function profileShared(
  journey: JourneyIds,
  profile: ReportingProfile,
  sharedAt: string,
  options: { keys?: KeyRing; id?: string } = {},
) {
  return createEnvelope(
    reportingProfileSharedV1,
    {
      ...journey,
      profile: sealReportingProfile(options.keys ?? testReportingKeys, journey.referralId, profile),
      sharedAt,
    },
    about(journey, options.id),
  );
}

/** The referral service's record of a consent withdrawal (by default of outcome reporting). */
export function consentWithdrawn(
  journey: JourneyIds,
  withdrawnAt: string,
  withdrawal: { purposes?: ConsentPurpose[]; recipients?: ConsentRecipient[]; id?: string } = {},
) {
  return createEnvelope(
    consentWithdrawnV1,
    {
      ...journey,
      purposes: withdrawal.purposes ?? ['outcome-reporting'],
      recipients: withdrawal.recipients ?? [],
      withdrawnAt,
      recordedBy: 'jobcentre-luton',
    },
    about(journey, withdrawal.id),
  );
}

export function consentExpired(journey: JourneyIds, expiredAt: string) {
  return createEnvelope(consentExpiredV1, { ...journey, expiredAt }, about(journey));
}

export function participantErased(participantId: string, erasedAt: string) {
  return createEnvelope(
    participantErasedV1,
    { participantId, erasedAt, erasedBy: 'org-blmk-icb' },
    about({ participantId }),
  );
}

/** `JourneyMilestoneRecorded` `mentor-assigned`, as the journey publishes a mentor assignment. */
export function mentorAssignedEvent(
  journey: JourneyIds,
  mentorId: string,
  occurredAt: string,
  recordedBy = 'morgan',
): EventEnvelope {
  return createEnvelope(
    journeyMilestoneRecordedV1,
    {
      referralId: journey.referralId,
      participantId: journey.participantId,
      programmeId: journey.programmeId,
      occurredAt,
      code: 'mentor-assigned',
      mentorId,
      recordedBy,
    },
    about(journey),
  );
}
