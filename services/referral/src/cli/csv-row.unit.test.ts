import { describe, expect, it } from 'vitest';
import { referralRequestSchema } from '../domain/referral-request.js';
import { rowIdempotencyKey, rowToReferral, type CsvRow } from './csv-row.js';

const row: CsvRow = {
  programme_id: 'blmk-step-into-health',
  given_name: 'Sam',
  family_name: 'Example',
  date_of_birth: '2004-03-01',
  ni_number: 'QQ123456C',
  email: '',
  postcode: 'LU1 2AB',
  priority_groups: 'neet; care-experienced',
  reasonable_adjustments: 'written instructions',
  work_coach_name: 'Priya Shah',
  work_coach_email: 'priya.shah@jobcentre.example',
  consent_purposes: 'programme-delivery;training',
  consent_recipients: 'programme-operator',
  consent_given_at: '2026-11-20T09:00:00Z',
  consent_expires_at: '2027-11-20T09:00:00Z',
};

describe('rowToReferral', () => {
  it('when a complete row is mapped, then it is a valid referral with lists split and blanks left out', () => {
    const referral = referralRequestSchema.parse(rowToReferral(row));
    expect(referral.priorityGroups).toEqual(['neet', 'care-experienced']);
    expect(referral.person.email).toBeUndefined();
    expect(referral.consent.purposes).toEqual(['programme-delivery', 'training']);
  });

  it('when a row is incomplete, then the service rules name what is missing', () => {
    const result = referralRequestSchema.safeParse(rowToReferral({ ...row, date_of_birth: '' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('person.dateOfBirth');
  });
});

describe('rowIdempotencyKey', () => {
  it('when the same row is read again at the same line, then it gets the same key', () => {
    expect(rowIdempotencyKey(row, 7)).toBe(rowIdempotencyKey({ ...row }, 7));
    expect(rowIdempotencyKey(row, 7)).not.toBe(rowIdempotencyKey(row, 8));
  });

  it('when the row has its own key, then that is used', () => {
    expect(rowIdempotencyKey({ ...row, idempotency_key: 'jc-luton-000123' }, 7)).toBe(
      'jc-luton-000123',
    );
  });
});
