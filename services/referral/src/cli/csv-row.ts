import { createHash } from 'node:crypto';

/** The CSV columns of a bulk upload (see the README); list fields are separated by `;`. */
export const csvColumns = [
  'idempotency_key',
  'programme_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'ni_number',
  'email',
  'phone',
  'postcode',
  'priority_groups',
  'reasonable_adjustments',
  'work_coach_name',
  'work_coach_email',
  'work_coach_office',
  'consent_purposes',
  'consent_recipients',
  'consent_given_at',
  'consent_expires_at',
  'notes',
] as const;

export type CsvRow = Partial<Record<(typeof csvColumns)[number], string>>;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
const optional = (value: string | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;

/**
 * A row's idempotency key: its own column if given, else a hash of its line number and content,
 * so re-running the same file replays rows instead of duplicating them.
 */
export function rowIdempotencyKey(row: CsvRow, line: number): string {
  if (row.idempotency_key?.trim()) return row.idempotency_key.trim();
  return `bulk-${createHash('sha256')
    .update(`${line}:${JSON.stringify(row)}`)
    .digest('base64url')
    .slice(0, 32)}`;
}

/** Maps a row to the body of POST /v1/referrals; the service applies every rule to it. */
export function rowToReferral(row: CsvRow): Record<string, unknown> {
  const office = optional(row.work_coach_office);
  const notes = optional(row.notes);
  return {
    programmeId: row.programme_id?.trim(),
    person: {
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth?.trim(),
      ...(optional(row.ni_number) ? { niNumber: optional(row.ni_number) } : {}),
      ...(optional(row.email) ? { email: optional(row.email) } : {}),
      ...(optional(row.phone) ? { phone: optional(row.phone) } : {}),
      postcode: row.postcode,
    },
    priorityGroups: list(row.priority_groups),
    reasonableAdjustments: list(row.reasonable_adjustments),
    workCoach: {
      name: row.work_coach_name,
      email: row.work_coach_email?.trim(),
      ...(office ? { office } : {}),
    },
    consent: {
      purposes: list(row.consent_purposes),
      recipients: list(row.consent_recipients),
      givenAt: row.consent_given_at?.trim(),
      expiresAt: row.consent_expires_at?.trim(),
    },
    ...(notes ? { notes } : {}),
  };
}
