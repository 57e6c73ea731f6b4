import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { priorityGroups } from '@ladder/vocabulary';

const weight = z.number().nonnegative();
const probability = z.number().min(0).max(1);

/** Where a cohort's people end up, by weight; `in-progress` people stop somewhere on the way. */
export const simulatedEndings = [
  'hired',
  'work-experience',
  'further-education',
  'volunteering',
  'withdrawn',
  'disengaged',
  'in-progress',
] as const;
export type SimulatedEnding = (typeof simulatedEndings)[number];

/**
 * A cohort profile (a data file in `e2e/profiles/`): who is referred by whom, and how the actors
 * behave at each turn of a journey. Weights are relative; probabilities are of that turn.
 */
export const profileSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  /** Job Centres (demo organisation ids) by weight. */
  referrers: z.record(z.string(), weight),
  /** The share referred outside the programme's ages or areas (not eligible). */
  notEligible: probability,
  /** Postcode areas the programme serves, by weight. */
  areas: z.record(z.string().regex(/^[A-Z]{1,2}$/), weight),
  ages: z.array(z.object({ from: z.number().int().min(16), to: z.number().int().max(64), weight })),
  /** How likely a person is to be in each priority group (NEET only up to 24). */
  priorityGroups: z.partialRecord(z.enum(priorityGroups), probability),
  endings: z.record(z.enum(simulatedEndings), weight),
  behaviour: z.object({
    /** A placement is proposed before any offer. */
    placementBeforeOffer: probability,
    /** The learner leaves the course (and goes on without it). */
    courseWithdrawn: probability,
    /** Of those going to further education: after finishing the course, not during it. */
    furtherEducationAfterCompleting: probability,
    /** The employer declines a proposed placement (another is proposed). */
    placementDeclined: probability,
    /** The participant declines an offer (another follows). */
    offerDeclined: probability,
    /** A pre-employment check fails (another offer follows). */
    checkFailed: probability,
    /** Of those hired: they leave before 26 weeks. */
    leftPost: probability,
    /** Of those who leave: before 13 weeks. */
    leftBefore13Weeks: probability,
    /** Of those withdrawn: by the Job Centre (else by programme staff). */
    withdrawnByReferrer: probability,
    /** Of those withdrawn, disengaged or volunteering: at engagement (else after training). */
    leftAtEngagement: probability,
  }),
});
export type Profile = z.infer<typeof profileSchema>;

/** Reads `e2e/profiles/<name>.json`, or a file given by its path. */
export function loadProfile(nameOrPath: string): Profile {
  const path = nameOrPath.endsWith('.json')
    ? nameOrPath
    : fileURLToPath(new URL(`../../profiles/${nameOrPath}.json`, import.meta.url));
  return profileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
