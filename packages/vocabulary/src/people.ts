/** The groups a programme prioritises; a participant may be in several. */
export const priorityGroups = [
  'care-experienced',
  'unpaid-carer',
  'neurodivergent',
  'long-term-unemployed',
  'neet',
  'send',
  'economically-disadvantaged-area',
  'needs-esol',
] as const;
export type PriorityGroup = (typeof priorityGroups)[number];

/**
 * A postcode area: the one or two letters a UK postcode begins with (`LU`, `MK`, `B`), about 120
 * in all. The area a participant lives in, as reports count it: coarse enough that a group of
 * the programme's people in one area is not one person.
 */
export const postcodeAreaPattern = /^[A-Z]{1,2}$/;

/**
 * What a participant's consent may cover. `employment` is the purpose referrals have carried
 * since the first release; `recruitment` (interviews and offers) and `work-placement` are the
 * employer's.
 */
export const consentPurposes = [
  'programme-delivery',
  'training',
  'work-placement',
  'recruitment',
  'employment',
  'outcome-reporting',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Who a participant's consent may release data to. */
export const consentRecipients = [
  'programme-operator',
  'training-provider',
  'employer',
  'job-centre',
] as const;
export type ConsentRecipient = (typeof consentRecipients)[number];

/** The kinds of organisation that use Ladder. */
export const organisationKinds = [
  'job-centre',
  'programme-operator',
  'training-provider',
  'employer',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** How a participant prefers to be contacted (the means themselves are personal data). */
export const contactPreferences = ['email', 'phone', 'text-message', 'via-work-coach'] as const;
export type ContactPreference = (typeof contactPreferences)[number];
