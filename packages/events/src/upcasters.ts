import type { Upcaster } from './define-event.js';

/**
 * v1 to v2 of the first five events: v2 only narrowed text fields to the vocabulary's closed sets,
 * and every v1 producer already wrote codes from those sets, so the data carries over as it is.
 * A v1 event with a code outside the set fails v2's check and goes to dead letters, as it should.
 */
const narrowedToVocabulary = (type: string): Upcaster => ({
  type,
  from: 1,
  upcast: (data) => data,
});

export const firstUpcasters: readonly Upcaster[] = [
  'ReferralSubmitted',
  'ReferralWithdrawn',
  'JourneyStageChanged',
  'JourneyOutcomeRecorded',
  'JourneyStalled',
].map(narrowedToVocabulary);

/**
 * ReferralSubmitted v2 to v3: referrals accepted before programmes chose a bank-holiday calendar
 * followed England and Wales (the only programmes then were English).
 */
export const referralSubmittedV2ToV3: Upcaster = {
  type: 'ReferralSubmitted',
  from: 2,
  upcast: (data) => ({ bankHolidayRegion: 'england-and-wales', ...(data as object) }),
};

/**
 * JourneyStalled v2 to v3: v3 only adds a deadline name to the closed set, so every v2 event is
 * a valid v3 event as it is.
 */
export const journeyStalledV2ToV3: Upcaster = {
  type: 'JourneyStalled',
  from: 2,
  upcast: (data) => data,
};
