import { randomBytes } from 'node:crypto';
import { priorityGroups } from '@ladder/vocabulary';
import type { ProgrammeRules } from '../clients/referral-api.js';
import type { Ladder } from './ladder.js';

/** A programme of its own and the opportunities its participants are sent to. */
export interface ProgrammeSetting {
  programmeId: string;
  /** The provider's intake, one session long, already held (its register can be taken now). */
  intakeId: string;
  /** The employer's work-experience slot and its vacancy. */
  slotId: string;
  vacancyId: string;
}

/** Today (UTC) or a day from it, as `YYYY-MM-DD`. */
export const calendarDay = (offsetDays = 0): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The postcode areas the test programmes serve (BLMK's). */
export const programmeAreas = ['LU', 'MK', 'SG', 'AL'];
export const programmeAges = { min: 16, max: 64 };

/**
 * The rules of a programme whose weeks pass in seconds, like the `blmk-demo-fast` demo programme
 * but shorter: the 13- and 26-week marks fall 9 and 17 seconds after the start day begins (UTC),
 * so a start in post today has passed both and the employer is asked at once. Day-counted rules
 * are at their one-day minimum; the engagement deadlines keep the guidance's working days (no
 * journey here stays long enough to miss one).
 */
export const secondsLongRules = (name: string): ProgrammeRules => ({
  name,
  ageRange: programmeAges,
  eligibleGroups: [...priorityGroups],
  areas: programmeAreas,
  deadlines: { offerResponseDays: 1, preEmploymentChecksDays: 1 },
  employment: {
    checkDueDays: 1,
    sustainmentResponseDays: 1,
    sustainmentMarkDays: { '13': 0.0001, '26': 0.0002 },
  },
});

/**
 * Publishes a programme of the demo operator (an id of its own per call, so that each test file
 * or simulation counts only its own people) and opens, as the demo provider and employer, a
 * course intake, a placement slot and a vacancy for it. `places` bounds the intake and the slot.
 */
export async function openProgramme(
  ladder: Ladder,
  name: string,
  places = 50,
): Promise<ProgrammeSetting> {
  const programmeId = `${name}-${randomBytes(4).toString('hex')}`;
  await ladder.programmes.publish(programmeId, secondsLongRules(`${name} (end-to-end)`));

  const course = await ladder.provider.createCourse({
    title: 'Care Certificate (end-to-end)',
    qualification: 'care-certificate',
    level: 'level-2',
    mode: 'in-person',
    postcodeArea: 'LU',
    lengthWeeks: 1,
    fundingRoute: 'programme-funded',
  });
  const heldAt = Date.now() - 2 * 3_600_000;
  const intake = await ladder.provider.createIntake(course.id, {
    startsOn: calendarDay(),
    endsOn: calendarDay(),
    capacity: places,
    sessions: [
      {
        sessionNumber: 1,
        startsAt: new Date(heldAt).toISOString(),
        endsAt: new Date(heldAt + 3_600_000).toISOString(),
      },
    ],
  });

  const site = await ladder.employer.createSite('Luton and Dunstable University Hospital', 'LU4');
  const slot = await ladder.employer.createSlot({
    siteId: site.id,
    kind: 'work-experience',
    roleArea: 'healthcare-support-worker',
    startsOn: calendarDay(),
    endsOn: calendarDay(28),
    hoursPerWeek: 20,
    capacity: places,
  });
  const vacancy = await ladder.employer.createVacancy({
    siteId: site.id,
    role: 'healthcare-support-worker',
    band: 'band-2',
    hoursPerWeek: 37,
    posts: places,
    closesOn: calendarDay(60),
  });
  return { programmeId, intakeId: intake.id, slotId: slot.id, vacancyId: vacancy.id };
}
