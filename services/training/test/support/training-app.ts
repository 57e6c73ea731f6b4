import { scopes } from '@ladder/auth';
import type { ParticipantViewClient } from '@ladder/participant-view';
import {
  startProgrammeCopyTestApp,
  withKey,
  type Caller,
  type ProgrammeCopyTestApp,
} from '@ladder/programme-copy/testing';
import type { TestDatabase } from '@ladder/testing';
import type { JourneyDeadlines } from '@ladder/vocabulary';
import { buildApp } from '../../src/app.js';
import { programmes } from '../../src/db/programmes.repository.js';
import { migrateTraining } from '../../src/migrate.js';
import type { TrainingDeps } from '../../src/use-cases/deps.js';

export { bearer, outboxEvents, withKey, type Caller } from '@ladder/programme-copy/testing';

export interface TrainingTestApp extends Omit<ProgrammeCopyTestApp, 'programme' | 'deps'> {
  deps: TrainingDeps;
  provider: Caller;
  otherProvider: Caller;
  operator: Caller;
  otherOperator: Caller;
  jobCentre: Caller;
  /** Adds a programme operated by `operator` with these training settings and deadlines. */
  programme(
    settings?: Record<string, unknown>,
    operator?: Caller,
    deadlines?: Partial<JourneyDeadlines>,
  ): Promise<string>;
}

/**
 * The training API on fresh databases with organisations of each kind. The participant view goes
 * to `participantViews` (a real referral service where a test needs one) or nowhere.
 */
export async function startTrainingApp(
  options: { participantViews?: ParticipantViewClient; identityDb?: TestDatabase } = {},
): Promise<TrainingTestApp> {
  const t = await startProgrammeCopyTestApp({
    ...options,
    name: 'training',
    programmes,
    migrate: migrateTraining,
    buildApp,
    scopes: [scopes.trainingRead, scopes.trainingWrite],
  });
  const operator = await t.organisation('BLMK Health and Care Academy', 'programme-operator');
  return {
    ...t,
    provider: await t.organisation('Luton Adult Learning', 'training-provider'),
    otherProvider: await t.organisation('Milton Keynes College', 'training-provider'),
    operator,
    otherOperator: await t.organisation('West Midlands Combined Authority', 'programme-operator'),
    jobCentre: await t.organisation('Luton Jobcentre Plus', 'job-centre'),
    programme: (settings, by = operator, deadlines) => t.programme(by, settings, deadlines),
  };
}

export const courseBody = {
  title: 'Care Certificate for new starters',
  qualification: 'care-certificate',
  level: 'level-2',
  mode: 'blended',
  postcodeArea: 'LU',
  lengthWeeks: 12,
  guidedHours: 60,
  fundingRoute: 'adult-skills-fund',
} as const;

/** Sessions once a week from 2027-01-11, 10:00 to 13:00 UTC. */
export function weeklySessions(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2027, 0, 11 + 7 * i, 10));
    return {
      sessionNumber: i + 1,
      startsAt: day.toISOString(),
      endsAt: new Date(day.getTime() + 3 * 3_600_000).toISOString(),
    };
  });
}

/** A course of the provider's with one intake of `capacity` seats; returns their ids. */
export async function courseWithIntake(
  t: TrainingTestApp,
  capacity: number,
  by: Caller = t.provider,
  sessions = 4,
): Promise<{ courseId: string; intakeId: string }> {
  const course = await t.app.inject({
    method: 'POST',
    url: '/v1/courses',
    headers: withKey(by),
    payload: courseBody,
  });
  if (course.statusCode !== 201) throw new Error(`course: ${course.statusCode} ${course.body}`);
  const courseId = course.json<{ id: string }>().id;
  const intake = await t.app.inject({
    method: 'POST',
    url: `/v1/courses/${courseId}/intakes`,
    headers: withKey(by),
    payload: {
      startsOn: '2027-01-11',
      endsOn: '2027-04-02',
      capacity,
      sessions: weeklySessions(sessions),
    },
  });
  if (intake.statusCode !== 201) throw new Error(`intake: ${intake.statusCode} ${intake.body}`);
  return { courseId, intakeId: intake.json<{ id: string }>().id };
}

export interface PlaceBody {
  id: string;
  status: string;
  waitlistPosition: number | null;
  participantId: string;
  offerExpiresAt: string | null;
  createdAt: string;
}

/** Asks for a place, as the operator unless told otherwise. */
export async function requestPlace(
  t: TrainingTestApp,
  intakeId: string,
  programmeId: string,
  participantId: string,
  by: Caller = t.operator,
) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/intakes/${intakeId}/places`,
    headers: withKey(by),
    payload: { participantId, programmeId },
  });
}
