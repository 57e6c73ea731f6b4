import { rowColumns, type Statement } from '@ladder/db';
import type { NewReferral } from './referrals.repository.js';

/**
 * The `referrals` row of a new referral, defined once: the single transaction
 * (insertReferralStatement) and the grouped statement (firstReferralsStatement) both write it
 * from these columns, so a change to the table's columns is made here.
 */
export const referralColumns = rowColumns<NewReferral>([
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'participant_id', type: 'uuid', value: (r) => r.participant_id },
  { name: 'referrer_organisation_id', type: 'text', value: (r) => r.referrer_organisation_id },
  { name: 'programme_id', type: 'text', value: (r) => r.programme_id },
  { name: 'programme_version', type: 'int', value: (r) => r.programme_version },
  { name: 'person_match_key', type: 'text', value: (r) => r.person_match_key },
  { name: 'personal_data', type: 'bytea', encoding: 'base64', value: (r) => r.personal_data },
  { name: 'consent', type: 'jsonb', encoding: 'json', value: (r) => r.consent },
  { name: 'eligibility', type: 'jsonb', encoding: 'json', value: (r) => r.eligibility },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'active', type: 'boolean', value: (r) => r.active },
]);

const insertReferralsText = `insert into referrals (${referralColumns.names})
     select ${referralColumns.select}
     from unnest(${referralColumns.params(1)}) as r(${referralColumns.names})`;

/** Inserts a new referral (in the caller's transaction, with runTogether or alone). */
export function insertReferralStatement(referral: NewReferral): Statement {
  return { text: insertReferralsText, values: referralColumns.values([referral]) };
}
