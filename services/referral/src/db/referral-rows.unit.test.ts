import { describe, expect, it } from 'vitest';
import type { Statement } from '@ladder/db';
import {
  createEnvelope,
  referralSubmittedV3,
  reportingProfileSharedV1,
  topics,
} from '@ladder/events';
import { guidanceDeadlines } from '@ladder/vocabulary';
import { firstReferralsStatement, type FirstReferral } from './first-referrals.statement.js';
import { acceptedReferralStatements, type AcceptedReferral } from './referral-rows.js';

const referralId = '0193a0c0-0000-7000-8000-000000000001';
const participantId = '0193a0c0-0000-7000-8000-000000000002';

/** A first referral as submitReferral builds it. */
const referral: FirstReferral = {
  referral: {
    id: referralId,
    participant_id: participantId,
    referrer_organisation_id: 'job-centre-luton',
    programme_id: 'blmk-step-into-health',
    programme_version: 3,
    person_match_key: 'match-key',
    personal_data: Buffer.from('sealed personal data'),
    consent: {
      purposes: ['programme-delivery'],
      recipients: ['programme-operator'],
      givenAt: '2026-11-20T09:00:00Z',
      expiresAt: '2027-11-20T09:00:00Z',
    },
    eligibility: { decision: 'eligible', reasonCodes: [] },
    status: 'accepted',
    active: true,
  },
  newDataKey: { masterKeyId: 'master-1', wrapped: Buffer.from('wrapped key') },
  milestones: [
    { code: 'referral-received', occurredAt: '2026-12-02T10:00:00.000Z', detail: {} },
    {
      code: 'referral-accepted',
      occurredAt: '2026-12-02T10:00:00.000Z',
      detail: { decision: 'eligible' },
    },
  ],
  events: [
    {
      topic: topics.referrals.name,
      envelope: createEnvelope(
        referralSubmittedV3,
        {
          referralId,
          participantId,
          programmeId: 'blmk-step-into-health',
          programmeVersion: 3,
          referrerOrganisationId: 'job-centre-luton',
          eligibility: { decision: 'eligible', reasonCodes: [] },
          deadlines: guidanceDeadlines,
          bankHolidayRegion: 'england-and-wales',
          submittedAt: '2026-12-02T10:00:00.000Z',
        },
        { source: 'test', subject: participantId, correlationId: 'correlation' },
      ),
    },
    {
      topic: topics.referrals.name,
      envelope: createEnvelope(
        reportingProfileSharedV1,
        {
          referralId,
          participantId,
          programmeId: 'blmk-step-into-health',
          profile: {
            keyId: 'reporting-1',
            sealed: Buffer.from('sealed profile').toString('base64'),
          },
          sharedAt: '2026-12-02T10:00:00.000Z',
        },
        { source: 'test', subject: participantId, correlationId: 'correlation' },
      ),
    },
  ],
  idempotencyKey: 'key-1',
  response: { requestHash: 'hash', status: 201, body: { id: referralId } },
  keepDays: 7,
};

interface WrittenTable {
  /** The insert's target columns and select list, as written. */
  insert: string;
  /** The rows its relation reads, decoded from the parameters by their column names. */
  rows: Record<string, unknown>[];
}

/**
 * What each insert of a statement writes: every `insert into` with the rows of the unnest it
 * reads (arrays, or one text of lines for JSON and base64 columns). Columns the grouped
 * statement adds to place a row in its group (`referral_n`, the ordinality `n`) are left out.
 */
function writtenTables(statement: Statement): Map<string, WrittenTable> {
  const tables = new Map<string, WrittenTable>();
  const inserts = [...statement.text.matchAll(/insert into (\w+) \(/g)];
  inserts.forEach((match, i) => {
    const segment = statement.text.slice(match.index, inserts[i + 1]?.index);
    const unnest = /unnest\(([\s\S]*?)\)\s+with ordinality\s+as \w+\(([^)]*)\)/.exec(segment);
    if (!unnest) throw new Error(`no unnest in the insert into ${match[1]}`);
    const args = unnest[1]!;
    const names = unnest[2]!.split(',').map((name) => name.trim());
    const columns = [...args.matchAll(/(string_to_array\()?\$(\d+)(\S*)/g)].map((param, j) => {
      const value = statement.values[Number(param[2]) - 1];
      const decoded = param[1]
        ? (value as string)
            .split('\n')
            .map((line) => (/::jsonb?\[\]/.test(param[3]!) ? (JSON.parse(line) as unknown) : line))
        : (value as unknown[]);
      return { name: names[j]!, decoded };
    });
    const rows = columns[0]!.decoded.map((_, r) =>
      Object.fromEntries(
        columns.filter((c) => c.name !== 'referral_n').map((c) => [c.name, c.decoded[r]]),
      ),
    );
    const insert = /^insert into \w+ \([^)]*\)\s+select [\s\S]*? from /
      .exec(segment)![0]
      .replace(/\s+/g, ' ');
    tables.set(match[1]!, { insert, rows });
  });
  return tables;
}

const transactionTables = (r: AcceptedReferral) =>
  new Map(acceptedReferralStatements(r).flatMap((s) => [...writtenTables(s)]));

describe('the rows of an accepted referral', () => {
  it('when one referral is written by the transaction or by the grouped statement, then both write the same rows to the same tables', () => {
    const transaction = transactionTables(referral);
    const grouped = writtenTables(firstReferralsStatement([referral]));
    expect([...transaction.keys()].sort()).toEqual([
      'idempotency_keys',
      'ladder_outbox',
      'participant_keys',
      'referral_milestones',
      'referrals',
      'webhook_deliveries',
    ]);
    expect(Object.fromEntries(grouped)).toEqual(Object.fromEntries(transaction));
  });

  it('when referrals go as a group, then each row is placed with its own referral', () => {
    const second: FirstReferral = {
      ...referral,
      referral: { ...referral.referral, id: '0193a0c0-0000-7000-8000-000000000003' },
      idempotencyKey: 'key-2',
    };
    const { values } = firstReferralsStatement([referral, second]);
    const grouped = writtenTables(firstReferralsStatement([referral, second]));
    const milestones = grouped.get('referral_milestones')!.rows;
    expect(milestones.map((m) => [m.referral_id, m.seq])).toEqual([
      [referralId, 1],
      [referralId, 2],
      [second.referral.id, 1],
      [second.referral.id, 2],
    ]);
    // Each kind's last parameter places its rows: the milestones' are referrals 1, 1, 2, 2.
    expect(values).toContainEqual([1, 1, 2, 2]);
  });

  it('when one referral of a group shares its reporting profile and another does not, then the outbox has both events of the first and one of the second', () => {
    const second: FirstReferral = {
      ...referral,
      referral: { ...referral.referral, id: '0193a0c0-0000-7000-8000-000000000003' },
      idempotencyKey: 'key-2',
      events: referral.events.slice(0, 1),
    };
    const outbox = writtenTables(firstReferralsStatement([referral, second])).get('ladder_outbox')!;
    expect(outbox.rows.map((row) => row.event_id)).toEqual(
      [...referral.events, ...second.events].map((e) => e.envelope.id),
    );
    const { values } = firstReferralsStatement([referral, second]);
    expect(values).toContainEqual([1, 1, 2]);
  });

  it('when the participant was seen before, then the transaction stores no key and every other row', () => {
    const { newDataKey: _, ...seenBefore } = referral;
    const tables = transactionTables(seenBefore);
    expect(tables.has('participant_keys')).toBe(false);
    expect(tables.get('referrals')?.rows).toHaveLength(1);
  });
});
