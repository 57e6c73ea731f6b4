import type { EligibilityReason } from '@ladder/vocabulary';
import { outwardCode, postcodeArea } from './postcode.js';
import type { ProgrammeRules } from './programme-rules.js';
import type { ReferralRequest } from './referral-request.js';

export interface Eligibility {
  decision: 'eligible' | 'not-eligible';
  reasonCodes: EligibilityReason[];
}

/** Whole years between a date of birth and a day (both `YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** `LU12AB` is served by areas `LU` and `LU1`; `L1` is not served by `LU`. */
function servedBy(postcode: string, area: string): boolean {
  return /\d/.test(area) ? outwardCode(postcode) === area : postcodeArea(postcode) === area;
}

/** Decides eligibility against a programme's rules on the day of referral. Pure: no I/O. */
export function decideEligibility(
  referral: ReferralRequest,
  rules: ProgrammeRules,
  now: Date,
): Eligibility {
  const today = now.toISOString().slice(0, 10);
  const reasons: EligibilityReason[] = [];
  const age = ageOn(referral.person.dateOfBirth, today);
  if (age < rules.ageRange.min || age > rules.ageRange.max) reasons.push('age-out-of-range');
  if (
    rules.eligibleGroups.length > 0 &&
    !referral.priorityGroups.some((g) => rules.eligibleGroups.includes(g))
  ) {
    reasons.push('not-in-eligible-group');
  }
  if (
    rules.areas.length > 0 &&
    !rules.areas.some((area) => servedBy(referral.person.postcode, area))
  ) {
    reasons.push('area-not-served');
  }
  if (Date.parse(referral.consent.expiresAt) <= now.getTime()) reasons.push('consent-expired');
  return { decision: reasons.length === 0 ? 'eligible' : 'not-eligible', reasonCodes: reasons };
}
