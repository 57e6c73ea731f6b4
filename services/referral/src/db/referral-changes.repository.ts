import type { Queryable } from '@ladder/db';
import type { ReferralRow, ReferralStatus } from './referrals.repository.js';

/** Where a poller is in the change feed: after the change by `xid` to referral `id`. */
export interface ChangePosition {
  /** A PostgreSQL transaction id (xid8), as text. */
  xid: string;
  id: string;
}

const beforeEveryId = '00000000-0000-0000-0000-000000000000';

export interface ChangePage {
  rows: ReferralRow[];
  /** Where the next page starts: after the last row, or, on a page that was not full, after
   * every change visible now (so the next poll lists only what changed since). */
  resumeAt: ChangePosition;
  full: boolean;
}

/**
 * One page of an organisation's referral changes, in the order their transactions began. Only
 * changes of transactions older than every running one are listed (`pg_snapshot_xmin`): a change
 * still in flight, or one that committed after a younger one began, waits for the next poll
 * instead of being overtaken. So a poller that follows `resumeAt` sees every change, once.
 */
export async function listReferralChanges(
  db: Queryable,
  q: {
    organisationId: string;
    status?: ReferralStatus;
    updatedSince?: string;
    after?: ChangePosition;
    limit: number;
  },
): Promise<ChangePage> {
  const { rows } = await db.query<ReferralRow & { change_xid: string; horizon: string }>(
    `with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xid)
     select r.*, r.change_xid::text as change_xid, horizon.xid::text as horizon
     from horizon left join lateral (
       select * from referrals
       where referrer_organisation_id = $1
         and ($2::text is null or status = $2)
         and ($3::timestamptz is null or updated_at >= $3)
         and ($4::xid8 is null or (change_xid, id) > ($4::xid8, $5::uuid))
         and change_xid < horizon.xid
       order by change_xid, id limit $6) r on true`,
    [
      q.organisationId,
      q.status ?? null,
      q.updatedSince ?? null,
      q.after?.xid ?? null,
      q.after?.id ?? beforeEveryId,
      q.limit,
    ],
  );
  const found = rows.filter((r) => r.id !== null);
  const last = found.at(-1);
  const full = found.length === q.limit;
  const horizon = rows[0]!.horizon;
  return {
    rows: found,
    full,
    resumeAt:
      full && last
        ? { xid: last.change_xid, id: last.id }
        : // Everything before the horizon has been listed: continue from it.
          maxPosition(q.after, { xid: horizon, id: beforeEveryId }),
  };
}

/** The later of two positions (a poll whose horizon has not moved keeps its place). */
function maxPosition(a: ChangePosition | undefined, b: ChangePosition): ChangePosition {
  if (!a) return b;
  const ax = BigInt(a.xid);
  const bx = BigInt(b.xid);
  return ax > bx || (ax === bx && a.id > b.id) ? a : b;
}
