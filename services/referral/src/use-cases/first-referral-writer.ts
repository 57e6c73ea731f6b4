import DataLoader from 'dataloader';
import type { Pool } from '@ladder/db';
import { firstReferralsStatement, type FirstReferral } from '../db/first-referrals.statement.js';
import { idempotencyLockKey } from '@ladder/idempotency';
import { personLockKey } from '../db/referrals.repository.js';

export interface FirstReferralWriterOptions {
  /** Statements running at once; while they all are, new referrals wait and go in the next. */
  maxInFlight: number;
  /** Referrals in one statement at most. */
  maxBatch: number;
}

/**
 * Writes first referrals (see firstReferralsStatement) in groups: a referral that arrives while
 * `maxInFlight` statements are running waits for one of them and then goes, with every other
 * referral that waited, in a single statement and commit (group commit). Under no load a referral
 * goes at once, alone; under load the statement, its round trip and its commit are shared, which
 * is most of what PostgreSQL spends on a referral.
 *
 * `write` resolves true once the referral is committed, false when it was not written (its guard
 * did not pass, or another referral in the same group had its key or person): the caller then
 * submits it in a transaction. It rejects when the statement failed; nothing of that group was
 * written.
 */
export class FirstReferralWriter {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly loader: DataLoader<FirstReferral, boolean>;

  constructor(
    private readonly pool: Pool,
    private readonly options: FirstReferralWriterOptions,
  ) {
    this.loader = new DataLoader((group) => this.writeGroup(group), {
      cache: false,
      maxBatchSize: options.maxBatch,
      batchScheduleFn: (dispatch) => this.schedule(dispatch),
    });
  }

  write(referral: FirstReferral): Promise<boolean> {
    return this.loader.load(referral);
  }

  /** A new group goes once a statement may start; the referrals arriving until then join it. */
  private schedule(dispatch: () => void): void {
    if (this.inFlight < this.options.maxInFlight) {
      this.inFlight += 1;
      process.nextTick(dispatch);
    } else {
      this.waiting.push(dispatch);
    }
  }

  private async writeGroup(group: readonly FirstReferral[]): Promise<(boolean | Error)[]> {
    try {
      const distinct = firstOfEachKeyAndPerson(group);
      const { rows } = await this.pool.query<{ n: string }>({
        name: 'referral-first-referrals',
        ...firstReferralsStatement(distinct.map((i) => group[i]!)),
      });
      const written = new Set(rows.map((row) => distinct[Number(row.n) - 1]));
      return group.map((_, i) => written.has(i));
    } catch (error) {
      // DataLoader rejects a load only for an Error in its place; anything else would resolve it.
      const failure = error instanceof Error ? error : new Error(String(error));
      return group.map(() => failure);
    } finally {
      const next = this.waiting.shift();
      if (next) process.nextTick(next);
      else this.inFlight -= 1;
    }
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
