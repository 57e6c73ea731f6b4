import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openDemoCredentials, scopes, type CredentialStore } from '@ladder/auth';
import { withTransaction, type Pool } from '@ladder/db';
import { insertCourse, listCourses, type NewCourse } from '../db/courses.repository.js';
import { insertIntake } from '../db/intakes.repository.js';

/** The demo provider (also made by the referral service's demo data, with the same id). */
const provider = {
  id: 'org-luton-college',
  name: 'Luton Adult Learning',
  kind: 'training-provider',
} as const;
const operator = {
  id: 'org-blmk-academy',
  name: 'BLMK Health and Care Academy',
  kind: 'programme-operator',
} as const;
/** This service's own organisation: its key reads the consented view of learners. */
const service = {
  id: 'org-ladder-training-service',
  name: 'Ladder training service',
  kind: 'programme-operator',
} as const;

const courses: NewCourse[] = [
  {
    title: 'Care Certificate for new starters',
    description: 'The 16 standards every new health and care worker meets, over twelve weeks.',
    qualification: 'care-certificate',
    level: 'level-2',
    mode: 'blended',
    postcodeArea: 'LU',
    lengthWeeks: 12,
    guidedHours: 60,
    fundingRoute: 'programme-funded',
  },
  {
    title: 'Level 2 Diploma in Care (evenings)',
    qualification: 'diploma-health-and-social-care-level-2',
    level: 'level-2',
    mode: 'evenings-or-weekends',
    postcodeArea: 'LU',
    lengthWeeks: 26,
    guidedHours: 180,
    fundingRoute: 'adult-skills-fund',
  },
  {
    title: 'Emergency first aid at work',
    qualification: 'first-aid',
    level: 'level-1',
    mode: 'in-person',
    postcodeArea: 'MK',
    lengthWeeks: 1,
    guidedHours: 6,
    fundingRoute: 'free-course-for-jobs',
  },
];

/** `weeks` weekly sessions of three hours from the Monday after next. */
function timetable(weeks: number) {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7) + 7);
  start.setUTCHours(9, 30, 0, 0);
  return Array.from({ length: weeks }, (_, i) => {
    const at = new Date(start.getTime() + i * 7 * 86_400_000);
    return {
      sessionNumber: i + 1,
      startsAt: at.toISOString(),
      endsAt: new Date(at.getTime() + 3 * 3_600_000).toISOString(),
    };
  });
}

/**
 * Adds the training demo's keys to the demo credentials file and its courses and intakes to the
 * database, once (a second run keeps what is there and reissues a key only if it no longer works).
 */
export async function loadTrainingDemo(deps: {
  pool: Pool;
  store: CredentialStore;
  credentialsFile: string;
  serviceKeyFile: string;
}): Promise<{ courses: number; intakes: number }> {
  const keys = openDemoCredentials(deps.store, deps.credentialsFile);
  const training = [scopes.trainingRead, scopes.trainingWrite];
  await keys.grant(provider, 'training', training);
  await keys.grant(operator, 'training', training);
  const serviceKey = await keys.grant(service, 'participant view', [scopes.participantsView]);
  keys.save();
  writeFileSync(deps.serviceKeyFile, `${serviceKey}\n`, { mode: 0o600 });

  if ((await listCourses(deps.pool, provider.id)).length > 0) return { courses: 0, intakes: 0 };
  let intakes = 0;
  await withTransaction(deps.pool, async (tx) => {
    for (const course of courses) {
      const { id } = await insertCourse(tx, randomUUID(), provider.id, course);
      for (const [n, capacity] of [
        [0, 12],
        [8, 10],
      ] as const) {
        const sessions = timetable(course.lengthWeeks).map((s) => ({
          ...s,
          startsAt: new Date(Date.parse(s.startsAt) + n * 7 * 86_400_000).toISOString(),
          endsAt: new Date(Date.parse(s.endsAt) + n * 7 * 86_400_000).toISOString(),
        }));
        await insertIntake(tx, {
          id: randomUUID(),
          courseId: id,
          providerOrganisationId: provider.id,
          startsOn: sessions[0]!.startsAt.slice(0, 10),
          endsOn: sessions.at(-1)!.endsAt.slice(0, 10),
          capacity,
          sessions,
        });
        intakes += 1;
      }
    }
  });
  return { courses: courses.length, intakes };
}
