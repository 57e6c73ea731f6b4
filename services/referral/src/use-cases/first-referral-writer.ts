import { GroupCommit, type GroupCommitOptions, type Pool } from '@ladder/db';
import { firstReferralsStatement, type FirstReferral } from '../db/first-referrals.statement.js';
import { idempotencyLockKey } from '@ladder/idempotency';
import { personLockKey } from '../db/referrals.repository.js';

export type FirstReferralWriterOptions = GroupCommitOptions;

/**
 * Writes first referrals (see firstReferralsStatement) in groups (`GroupCommit`): a referral that
 * arrives while `maxInFlight` statements are running waits for one of them and then goes, with
 * every other referral that waited, in a single statement and commit.
 *
 * `write` resolves true once the referral is committed, false when it was not written (its guard
 * did not pass, or another referral in the same group had its key or person): the caller then
 * submits it in a transaction. It rejects when the statement failed; nothing of that group was
 * written.
 */
export class FirstReferralWriter {
  private readonly groups: GroupCommit<FirstReferral, boolean>;

  constructor(
    private readonly pool: Pool,
    options: FirstReferralWriterOptions,
  ) {
    this.groups = new GroupCommit((group) => this.writeGroup(group), options);
  }

  write(referral: FirstReferral): Promise<boolean> {
    return this.groups.write(referral);
  }

  private async writeGroup(group: readonly FirstReferral[]): Promise<boolean[]> {
    const distinct = firstOfEachKeyAndPerson(group);
    const { rows } = await this.pool.query<{ n: string }>({
      name: 'referral-first-referrals',
      ...firstReferralsStatement(distinct.map((i) => group[i]!)),
    });
    const written = new Set(rows.map((row) => distinct[Number(row.n) - 1]));
    return group.map((_, i) => written.has(i));
  }
}

/**
 * The positions of the referrals that can go in one statement: the first with each
 * Idempotency-Key and each person. The others are left to the transaction.
 */
function firstOfEachKeyAndPerson(group: readonly FirstReferral[]): number[] {
  // By the locks the statement takes: two referrals that would take one lock cannot go together.
  const locks = new Set<string>();
  const distinct: number[] = [];
  group.forEach((r, i) => {
    const key = idempotencyLockKey(r.referral.referrer_organisation_id, r.idempotencyKey);
    const person = personLockKey(r.referral.person_match_key);
    if (locks.has(key) || locks.has(person)) return;
    locks.add(key).add(person);
    distinct.push(i);
  });
  return distinct;
}
