import type { Queryable } from '@ladder/db';
import {
  preEmploymentChecks,
  type CheckOwner,
  type CheckStatus,
  type PreEmploymentCheck,
  type ThirdParty,
} from '@ladder/vocabulary';

/** Where one of an offer's six checks stands: who holds the next action, by when. */
export interface EmploymentCheck {
  offerId: string;
  check: PreEmploymentCheck;
  status: CheckStatus;
  owner: CheckOwner | null;
  thirdParty: ThirdParty | null;
  dueOn: string | null;
  evidenceSeenOn: string[];
  updatedAt: string;
}

/** What a change to a check sets (all of it: the caller merges the request with what was). */
export type CheckState = Pick<
  EmploymentCheck,
  'status' | 'owner' | 'thirdParty' | 'dueOn' | 'evidenceSeenOn'
>;

const columns = `offer_id as "offerId", "check", status, owner, third_party as "thirdParty",
  due_on::text as "dueOn", array(select d::text from unnest(evidence_seen_on) d order by d)
  as "evidenceSeenOn", updated_at::text as "updatedAt"`;

/** Starts the six checks of an accepted offer: not started, the employer's to do, due on `dueOn`. */
export async function startChecks(db: Queryable, offerId: string, dueOn: string): Promise<void> {
  await db.query(
    `insert into employment_checks (offer_id, "check", status, owner, due_on)
     select $1, c, 'not-started', 'employer', $3 from unnest($2::text[]) c`,
    [offerId, preEmploymentChecks, dueOn],
  );
}

/** An offer's checks, in the standards' order. */
export async function listChecks(db: Queryable, offerId: string): Promise<EmploymentCheck[]> {
  const { rows } = await db.query<EmploymentCheck>(
    `select ${columns} from employment_checks where offer_id = $1
     order by array_position($2::text[], "check")`,
    [offerId, preEmploymentChecks],
  );
  return rows;
}

export async function setCheck(
  db: Queryable,
  offerId: string,
  check: PreEmploymentCheck,
  state: CheckState,
): Promise<EmploymentCheck> {
  const { rows } = await db.query<EmploymentCheck>(
    `update employment_checks set status = $3, owner = $4, third_party = $5, due_on = $6,
       evidence_seen_on = $7::date[], updated_at = now()
     where offer_id = $1 and "check" = $2 returning ${columns}`,
    [
      offerId,
      check,
      state.status,
      state.owner,
      state.thirdParty,
      state.dueOn,
      state.evidenceSeenOn,
    ],
  );
  return rows[0]!;
}
