import { Faker, base, en, en_GB } from '@faker-js/faker';
import { consentPurposes, consentRecipients, type PriorityGroup } from '@ladder/vocabulary';
import type { NewReferral } from '../clients/referral-api.js';

/** A faker of British people, seeded: the same seed makes the same people. */
export function britishFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed);
  return faker;
}

/** Who a referral is about, as far as a route cares. */
export interface PersonTraits {
  /** A postcode area (`LU`), inside the programme's or not. */
  area: string;
  age: number;
  priorityGroups: PriorityGroup[];
  /**
   * A National Insurance number with the prefix QQ, which HMRC never issues. The matching of
   * duplicates uses it: give each person of a cohort their own.
   */
  niNumber: string;
}

/** An NI number in the unissued QQ prefix from a number (0 to 999,999) and a suffix letter. */
export const unissuedNiNumber = (n: number, suffix: number): string =>
  `QQ${String(n % 1_000_000).padStart(6, '0')}${'ABCD'[suffix % 4]}`;

const postcodeLetters = 'ABDEFGHJLNPQRSTUWXYZ'; // the letters a postcode's inward code uses

/** A made-up person with these traits, referred by a work coach with consent to share it all. */
export function referralOf(
  faker: Faker,
  programmeId: string,
  traits: PersonTraits,
  now = new Date(),
): NewReferral {
  const givenName = faker.person.firstName();
  const familyName = faker.person.lastName();
  const born = new Date(now);
  born.setUTCFullYear(born.getUTCFullYear() - traits.age);
  born.setUTCDate(born.getUTCDate() - faker.number.int({ min: 1, max: 360 }));
  const inward = `${faker.number.int({ min: 1, max: 9 })}${faker.helpers
    .arrayElements([...postcodeLetters], 2)
    .join('')}`;
  return {
    programmeId,
    person: {
      givenName,
      familyName,
      dateOfBirth: born.toISOString().slice(0, 10),
      niNumber: traits.niNumber,
      email: faker.internet.email({
        firstName: givenName,
        lastName: familyName,
        provider: 'example.org',
      }),
      postcode: `${traits.area}${faker.number.int({ min: 1, max: 9 })} ${inward}`,
    },
    priorityGroups: traits.priorityGroups,
    reasonableAdjustments: traits.priorityGroups.includes('neurodivergent')
      ? ['written instructions']
      : [],
    workCoach: {
      name: faker.person.fullName(),
      email: 'work.coach@jobcentre.example',
      office: 'Luton',
    },
    consent: {
      purposes: [...consentPurposes],
      recipients: [...consentRecipients],
      givenAt: new Date(now.getTime() - 86_400_000).toISOString(),
      expiresAt: new Date(now.getTime() + 365 * 86_400_000).toISOString(),
    },
  };
}
