import { describe, expect, it } from 'vitest';
import { ageOn, decideEligibility } from './eligibility.js';
import { programmeRulesSchema } from './programme-rules.js';
import { referralRequestSchema, type ReferralRequestInput } from './referral-request.js';

const rules = programmeRulesSchema.parse({
  name: 'Stepping Into Health and Care Careers',
  ageRange: { min: 16, max: 30 },
  eligibleGroups: ['neet', 'care-experienced', 'send'],
  areas: ['LU', 'MK', 'NN1'],
  deadlines: {},
});
const now = new Date('2026-11-24T10:00:00Z');

function referral(
  overrides: Partial<ReferralRequestInput['person']> = {},
  groups: ReferralRequestInput['priorityGroups'] = ['neet'],
) {
  return referralRequestSchema.parse({
    programmeId: 'blmk-step-into-health',
    person: {
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2004-03-01',
      postcode: 'lu1 2ab',
      ...overrides,
    },
    priorityGroups: groups,
    workCoach: { name: 'Pat Coach', email: 'pat.coach@jobcentre.example' },
    consent: {
      purposes: ['programme-delivery'],
      recipients: ['programme-operator'],
      givenAt: '2026-11-20T09:00:00Z',
      expiresAt: '2027-11-20T09:00:00Z',
    },
  });
}

describe('ageOn', () => {
  it('when the birthday has not yet come this year, then the age is one less', () => {
    expect(ageOn('2000-12-01', '2026-11-24')).toBe(25);
    expect(ageOn('2000-11-24', '2026-11-24')).toBe(26);
  });
});

describe('decideEligibility', () => {
  it('when age, group and area fit, then the referral is eligible', () => {
    expect(decideEligibility(referral(), rules, now)).toEqual({
      decision: 'eligible',
      reasonCodes: [],
    });
  });

  it('when the person is too old, in no eligible group and outside the area, then each reason is given', () => {
    const result = decideEligibility(
      referral({ dateOfBirth: '1980-01-01', postcode: 'L1 8JQ' }, ['unpaid-carer']),
      rules,
      now,
    );
    expect(result).toEqual({
      decision: 'not-eligible',
      reasonCodes: ['age-out-of-range', 'not-in-eligible-group', 'area-not-served'],
    });
  });

  it('when an area is a district, then only that district is served', () => {
    expect(decideEligibility(referral({ postcode: 'NN1 1AA' }), rules, now).decision).toBe(
      'eligible',
    );
    expect(decideEligibility(referral({ postcode: 'NN12 6AB' }), rules, now).reasonCodes).toEqual([
      'area-not-served',
    ]);
  });

  it('when the programme lists no groups or areas, then anyone of the right age is eligible', () => {
    const open = { ...rules, eligibleGroups: [], areas: [] };
    expect(decideEligibility(referral({ postcode: 'EH1 1AA' }, []), open, now).decision).toBe(
      'eligible',
    );
  });
});
