import type { Faker } from '@faker-js/faker';
import {
  preEmploymentChecks,
  type PreEmploymentCheck,
  type PriorityGroup,
} from '@ladder/vocabulary';
import { britishFaker, unissuedNiNumber, type PersonTraits } from '../actors/people.js';
import type { Profile, SimulatedEnding } from './profile.js';

/** One thing an actor does on a participant's journey, through its public API. */
export type Step =
  | { do: 'enrol' }
  | { do: 'complete-course' }
  | { do: 'withdraw-from-course' }
  | { do: 'progress-to-further-education' }
  | { do: 'propose-placement' }
  | { do: 'decline-placement' }
  | { do: 'complete-placement' }
  | { do: 'interview-and-offer' }
  | { do: 'decline-offer' }
  | { do: 'accept-offer' }
  | { do: 'fail-a-check'; check: PreEmploymentCheck }
  | { do: 'clear-checks' }
  | { do: 'start-in-post' }
  | { do: 'confirm-in-post'; weeks: 13 | 26 }
  | { do: 'leave-post' }
  | { do: 'withdraw'; by: 'referrer' | 'staff' }
  | { do: 'record-outcome'; outcome: 'work-experience' | 'volunteering' | 'disengaged' };

/** A person of the cohort: who refers them, who they are, and the route their actors take. */
export interface PersonPlan {
  index: number;
  referrer: string;
  traits: PersonTraits;
  eligible: boolean;
  /** Every step after the referral, in order (none for someone not eligible). */
  steps: Step[];
}

/** What the programme accepts (its rules): the planner makes people inside or outside them. */
export interface ProgrammeBounds {
  areas: readonly string[];
  ages: { min: number; max: number };
}

/**
 * The cohort, decided before anyone is referred: each choice is drawn from one faker seeded with
 * `seed`, in order, so the same seed and profile make the same people on the same routes, and so
 * the same figures, however the run's requests interleave.
 */
export function planCohort(
  profile: Profile,
  seed: number,
  people: number,
  bounds: ProgrammeBounds,
): PersonPlan[] {
  const outside = Object.keys(profile.areas).filter((a) => !bounds.areas.includes(a));
  if (outside.length > 0)
    throw new Error(
      `profile ${profile.name} has areas the programme does not serve: ${outside.join(', ')}`,
    );
  const faker = britishFaker(seed);
  return Array.from({ length: people }, (_, index) => planPerson(faker, profile, index, bounds));
}

const weighted = <T extends string>(faker: Faker, weights: Partial<Record<T, number>>): T =>
  faker.helpers.weightedArrayElement(
    Object.entries(weights)
      .filter(([, w]) => (w as number) > 0)
      .map(([value, w]) => ({ value: value as T, weight: w as number })),
  );

function planPerson(
  faker: Faker,
  profile: Profile,
  index: number,
  bounds: ProgrammeBounds,
): PersonPlan {
  const referrer = weighted(faker, profile.referrers);
  const eligible = !faker.datatype.boolean({ probability: profile.notEligible });
  const traits = eligible
    ? traitsWithin(faker, profile, index)
    : traitsOutside(faker, index, bounds);
  const steps = eligible ? route(faker, profile, weighted(faker, profile.endings)) : [];
  return { index, referrer, traits, eligible, steps };
}

function traitsWithin(faker: Faker, profile: Profile, index: number): PersonTraits {
  const band = faker.helpers.weightedArrayElement(
    profile.ages.map((a) => ({ value: a, weight: a.weight })),
  );
  const age = faker.number.int({ min: band.from, max: band.to });
  return {
    area: weighted(faker, profile.areas),
    age,
    priorityGroups: groupsOf(faker, profile, age),
    niNumber: unissuedNiNumber(index, faker.number.int(3)),
  };
}

/** Too old, or living where the programme does not serve. */
function traitsOutside(faker: Faker, index: number, bounds: ProgrammeBounds): PersonTraits {
  const tooOld = faker.datatype.boolean();
  return {
    area: tooOld
      ? faker.helpers.arrayElement(bounds.areas)
      : faker.helpers.arrayElement(['NN', 'B', 'OX']),
    age: tooOld ? faker.number.int({ min: bounds.ages.max + 1, max: 80 }) : 30,
    priorityGroups: ['long-term-unemployed'],
    niNumber: unissuedNiNumber(index, faker.number.int(3)),
  };
}

/** Each group by its likelihood; NEET only up to 24; at least one (the programme asks for one). */
function groupsOf(faker: Faker, profile: Profile, age: number): PriorityGroup[] {
  const likely = Object.entries(profile.priorityGroups) as [PriorityGroup, number][];
  const possible = likely.filter(([group]) => group !== 'neet' || age <= 24);
  const drawn = possible.filter(([, p]) => faker.datatype.boolean({ probability: p }));
  if (drawn.length > 0) return drawn.map(([group]) => group);
  const [mostLikely] = [...possible].sort((a, b) => b[1] - a[1]);
  return mostLikely ? [mostLikely[0]] : ['long-term-unemployed'];
}

/** The steps that take an eligible person to `ending` (or part of the way, if in progress). */
function route(faker: Faker, profile: Profile, ending: SimulatedEnding): Step[] {
  const b = profile.behaviour;
  const chance = (probability: number) => faker.datatype.boolean({ probability });
  const trained = (): Step[] => [
    { do: 'enrol' },
    chance(b.courseWithdrawn) ? { do: 'withdraw-from-course' } : { do: 'complete-course' },
  ];
  /** In engagement, or after training: where those who leave early leave from. */
  const leaveFrom = (): Step[] => (chance(b.leftAtEngagement) ? [] : trained());
  const placement = (): Step[] => [
    ...(chance(b.placementDeclined)
      ? ([{ do: 'propose-placement' }, { do: 'decline-placement' }] as Step[])
      : []),
    { do: 'propose-placement' },
    { do: 'complete-placement' },
  ];
  const hired = (): Step[] => [
    ...trained(),
    ...(chance(b.placementBeforeOffer) ? placement() : []),
    ...(chance(b.offerDeclined)
      ? ([{ do: 'interview-and-offer' }, { do: 'decline-offer' }] as Step[])
      : []),
    ...(chance(b.checkFailed)
      ? ([
          { do: 'interview-and-offer' },
          { do: 'accept-offer' },
          { do: 'fail-a-check', check: faker.helpers.arrayElement(preEmploymentChecks) },
        ] as Step[])
      : []),
    { do: 'interview-and-offer' },
    { do: 'accept-offer' },
    { do: 'clear-checks' },
    { do: 'start-in-post' },
    ...sustainment(),
  ];
  const sustainment = (): Step[] => {
    if (!chance(b.leftPost))
      return [
        { do: 'confirm-in-post', weeks: 13 },
        { do: 'confirm-in-post', weeks: 26 },
      ];
    return chance(b.leftBefore13Weeks)
      ? [{ do: 'leave-post' }]
      : [{ do: 'confirm-in-post', weeks: 13 }, { do: 'leave-post' }];
  };

  switch (ending) {
    case 'hired':
      return hired();
    case 'in-progress': {
      // Somewhere on the way to a job, and no further yet: the last step is not an ending.
      const whole = hired().filter((s) => s.do !== 'leave-post');
      const lastConfirm = whole.findIndex((s) => s.do === 'confirm-in-post' && s.weeks === 26);
      const open = lastConfirm < 0 ? whole : whole.slice(0, lastConfirm);
      return open.slice(0, faker.number.int({ min: 1, max: open.length }));
    }
    case 'work-experience':
      return [...trained(), ...placement(), { do: 'record-outcome', outcome: 'work-experience' }];
    case 'further-education':
      return chance(b.furtherEducationAfterCompleting)
        ? [{ do: 'enrol' }, { do: 'complete-course' }, { do: 'progress-to-further-education' }]
        : [{ do: 'enrol' }, { do: 'progress-to-further-education' }];
    case 'volunteering':
    case 'disengaged':
      return [...leaveFrom(), { do: 'record-outcome', outcome: ending }];
    case 'withdrawn':
      return [
        ...leaveFrom(),
        { do: 'withdraw', by: chance(b.withdrawnByReferrer) ? 'referrer' : 'staff' },
      ];
  }
}
