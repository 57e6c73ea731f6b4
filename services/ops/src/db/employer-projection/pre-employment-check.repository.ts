import type { Queryable } from '@ladder/db';
import { preEmploymentChecks } from '@ladder/vocabulary';
import { whenLater, type EventStamp } from './latest-event.js';
import { ensureOffer, type OfferRef } from './offer-row.js';

/**
 * Makes an acceptance (which dates the checks it creates from the programme's checkDueDays) and the
 * programme's rules (which date again the checks created before them) wait for each other: handled
 * side by side, neither would see the other's uncommitted rows, and the checks would stay undated.
 * Taken before any journey is locked, by both, so the two never wait on each other in a circle.
 */
export async function lockCheckDating(tx: Queryable, programmeId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('ops.check-dating.' || $1, 0))`, [
    programmeId,
  ]);
}

/**
 * The six checks an accepted offer starts with, as the employer creates them: not started, its
 * own, due the programme's checkDueDays after `acceptedAt` (undated while the programme is not
 * known). A check an update named first is left as that update says.
 */
export async function createEmployerChecks(
  tx: Queryable,
  o: Pick<OfferRef, 'offerId' | 'programmeId'>,
  acceptedAt: string,
): Promise<void> {
  await tx.query(
    `insert into pre_employment_check (offer_id, "check", status, owner, due_on)
     select $1, c, 'not-started', 'employer', ($2::timestamptz at time zone 'UTC')::date + p.check_due_days
       from unnest($3::text[]) as c left join programme p on p.programme_id = $4
     on conflict (offer_id, "check") do nothing`,
    [o.offerId, acceptedAt, preEmploymentChecks, o.programmeId],
  );
}

export interface CheckFacts {
  check: string;
  status: string;
  owner: string | null;
  thirdParty: string | null;
  dueOn: string | null;
  evidenceSeenOn: readonly string[];
}

/** EmploymentCheckUpdated: the check as its latest update says. */
export async function recordCheck(
  tx: Queryable,
  o: OfferRef,
  c: CheckFacts,
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  await tx.query(
    `insert into pre_employment_check (offer_id, "check", status, owner, third_party, due_on,
                                       evidence_seen_on, updated_at, updated_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (offer_id, "check") do update set
       ${whenLater('pre_employment_check', 'updated_at', 'updated_event', ['status', 'owner', 'third_party', 'due_on', 'evidence_seen_on'])}`,
    [
      o.offerId,
      c.check,
      c.status,
      c.owner,
      c.thirdParty,
      c.dueOn,
      [...c.evidenceSeenOn].sort(),
      stamp.at,
      stamp.eventId,
    ],
  );
}

/**
 * A programme's checkDueDays as it now stands: the checks no event has named yet are dated again
 * from their acceptance, and the journeys that have them derived again. The journeys are locked
 * before the checks, in the order every handler locks them, so this waits for an employer event
 * of the same journeys rather than deadlocking with it.
 */
export async function redateCreatedChecks(
  tx: Queryable,
  programmeId: string,
  lockJourneys: (participantIds: readonly string[]) => Promise<string[]>,
): Promise<string[]> {
  const dueOn = `(o.accepted_at at time zone 'UTC')::date + p.check_due_days`;
  const stale = `from offer o join pre_employment_check c on c.offer_id = o.offer_id
                 join programme p on p.programme_id = o.programme_id
                where o.programme_id = $1 and c.updated_event is null and o.accepted_at is not null
                  and c.due_on is distinct from ${dueOn}`;
  const { rows } = await tx.query<{ participant_id: string }>(
    `select distinct o.participant_id ${stale}`,
    [programmeId],
  );
  if (rows.length === 0) return [];
  const journeys = await lockJourneys(rows.map((r) => r.participant_id));
  await tx.query(
    `update pre_employment_check c set due_on = ${dueOn}
       from offer o join programme p on p.programme_id = o.programme_id
      where c.offer_id = o.offer_id and o.programme_id = $1 and c.updated_event is null
        and o.accepted_at is not null and c.due_on is distinct from ${dueOn}`,
    [programmeId],
  );
  return journeys;
}
