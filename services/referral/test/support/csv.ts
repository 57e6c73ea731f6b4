import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvColumns } from '../../src/cli/csv-row.js';

/** Writes `rows` referral rows; every `invalidEvery`th row has a bad date of birth. */
export async function writeReferralCsv(
  file: string,
  rows: number,
  options: { invalidEvery?: number; programmeId: string; seed: string },
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${csvColumns.join(',')}\n`);
  for (let i = 1; i <= rows; i += 1) {
    const invalid = options.invalidEvery !== undefined && i % options.invalidEvery === 0;
    const fields: Record<(typeof csvColumns)[number], string> = {
      idempotency_key: '',
      programme_id: options.programmeId,
      given_name: 'Bulk',
      family_name: `Person-${options.seed}-${i}`,
      date_of_birth: invalid ? '2004-13-45' : '2004-03-01',
      ni_number: '',
      email: '',
      phone: '',
      postcode: 'LU1 3JH',
      priority_groups: 'neet;send',
      reasonable_adjustments: 'written instructions',
      work_coach_name: 'Priya Shah',
      work_coach_email: 'priya.shah@jobcentre.example',
      work_coach_office: 'Luton',
      consent_purposes: 'programme-delivery;training',
      consent_recipients: 'programme-operator;training-provider',
      consent_given_at: '2026-11-20T09:00:00Z',
      consent_expires_at: '2027-11-20T09:00:00Z',
      notes: '',
    };
    if (!out.write(`${csvColumns.map((c) => fields[c]).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
