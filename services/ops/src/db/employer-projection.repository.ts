import type { Queryable } from '@ladder/db';
import { preEmploymentChecks } from '@ladder/vocabulary';

/** Which event a "latest" column group came from: a later one replaces it, an earlier one not. */
export interface EventStamp {
  at: string;
  eventId: string;
}

/**
 * `column = excluded.column` for each column of a group, only when the incoming event happened
 * after the one the row's group came from (by its time, then its id), so that the row is the same
 * whatever order the events arrive in. All assignments read the row as it was, so one test holds
 * for the whole group.
 */
function whenLater(table: string, at: string, event: string, columns: readonly string[]): string {
  const later = `(${table}.${at} is null or (excluded.${at}, excluded.${event}) > (${table}.${at}, ${table}.${event}))`;
  return [...columns, at, event]
    .map((c) => `${c} = case when ${later} then excluded.${c} else ${table}.${c} end`)
    .join(', ');
}

/** What every employer event names: the participant, programme and employer. */
interface EmployerRef {
  participantId: string;
  programmeId: string;
  employerOrganisationId: string;
}

export interface PlacementFacts extends EmployerRef {
  placementId: string;
  slotId: string;
  kind: string | null;
  status: string;
  reasonCode: string | null;
}

export async function recordPlacement(
  tx: Queryable,
  p: PlacementFacts,
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into placement (placement_id, participant_id, programme_id, slot_id,
                            employer_organisation_id, kind, status, reason_code, status_at, status_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (placement_id) do update set kind = coalesce(placement.kind, excluded.kind),
       ${whenLater('placement', 'status_at', 'status_event', ['status', 'reason_code'])}`,
    [
      p.placementId,
      p.participantId,
      p.programmeId,
      p.slotId,
      p.employerOrganisationId,
      p.kind,
      p.status,
      p.reasonCode,
      stamp.at,
      stamp.eventId,
    ],
  );
}

interface InterviewRef extends EmployerRef {
  interviewId: string;
  vacancyId: string;
}

export async function recordInterviewScheduled(
  tx: Queryable,
  i: InterviewRef & { scheduledAt: string; format: string; siteId: string | null },
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into interview (interview_id, participant_id, programme_id, vacancy_id,
                            employer_organisation_id, scheduled_at, format, site_id,
                            scheduled_event_at, scheduled_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (interview_id) do update set
       ${whenLater('interview', 'scheduled_event_at', 'scheduled_event', ['scheduled_at', 'format', 'site_id'])}`,
    [
      i.interviewId,
      i.participantId,
      i.programmeId,
      i.vacancyId,
      i.employerOrganisationId,
      i.scheduledAt,
      i.format,
      i.siteId,
      stamp.at,
      stamp.eventId,
    ],
  );
}

export async function recordInterviewHeld(
  tx: Queryable,
  i: InterviewRef & { attendance: string; result: string | null },
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into interview (interview_id, participant_id, programme_id, vacancy_id,
                            employer_organisation_id, attendance, result, recorded_at, recorded_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (interview_id) do update set
       ${whenLater('interview', 'recorded_at', 'recorded_event', ['attendance', 'result'])}`,
    [
      i.interviewId,
      i.participantId,
      i.programmeId,
      i.vacancyId,
      i.employerOrganisationId,
      i.attendance,
      i.result,
      stamp.at,
      stamp.eventId,
    ],
  );
}

/** The ids every offer event carries. */
export interface OfferRef extends EmployerRef {
  offerId: string;
  vacancyId: string;
}

const offerIds = (o: OfferRef) => [
  o.offerId,
  o.participantId,
  o.programmeId,
  o.vacancyId,
  o.employerOrganisationId,
];

/** Starts the offer's row from any of its events (the offer's own terms come with OfferMade). */
async function ensureOffer(tx: Queryable, o: OfferRef): Promise<void> {
  await tx.query(
    `insert into offer (offer_id, participant_id, programme_id, vacancy_id, employer_organisation_id)
     values ($1, $2, $3, $4, $5) on conflict (offer_id) do nothing`,
    offerIds(o),
  );
}

export interface OfferTerms {
  interviewId: string | null;
  role: string;
  band: string;
  siteId: string;
  hoursPerWeek: number;
  respondBy: string;
}

/** OfferMade: the offer's terms, once. */
export async function recordOfferTerms(
  tx: Queryable,
  o: OfferRef,
  terms: OfferTerms,
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  await tx.query(
    `update offer set interview_id = $2, role = $3, band = $4, site_id = $5, hours_per_week = $6,
                      respond_by = $7, made_at = $8
      where offer_id = $1`,
    [
      o.offerId,
      terms.interviewId,
      terms.role,
      terms.band,
      terms.siteId,
      terms.hoursPerWeek,
      terms.respondBy,
      stamp.at,
    ],
  );
}

/** An offer's status as its latest status event says (made, accepted, declined, ...). */
export async function recordOfferStatus(
  tx: Queryable,
  o: OfferRef,
  status: { status: string; reasonCode?: string | null; failedCheck?: string | null },
  stamp: EventStamp,
): Promise<void> {
  await tx.query(
    `insert into offer (offer_id, participant_id, programme_id, vacancy_id, employer_organisation_id,
                        status, reason_code, failed_check, status_at, status_event)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (offer_id) do update set
       ${whenLater('offer', 'status_at', 'status_event', ['status', 'reason_code', 'failed_check'])}`,
    [
      ...offerIds(o),
      status.status,
      status.reasonCode ?? null,
      status.failedCheck ?? null,
      stamp.at,
      stamp.eventId,
    ],
  );
}

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
 * OfferAccepted: when, and the six checks as the employer creates them (not started, its own, due
 * the programme's checkDueDays after the acceptance), unless an update of a check came first.
 */
export async function recordOfferAccepted(
  tx: Queryable,
  o: OfferRef,
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  await tx.query('update offer set accepted_at = $2 where offer_id = $1', [o.offerId, stamp.at]);
  await tx.query(
    `insert into pre_employment_check (offer_id, "check", status, owner, due_on)
     select $1, c, 'not-started', 'employer', ($2::timestamptz at time zone 'UTC')::date + p.check_due_days
       from unnest($3::text[]) as c left join programme p on p.programme_id = $4
     on conflict (offer_id, "check") do nothing`,
    [o.offerId, stamp.at, preEmploymentChecks, o.programmeId],
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

/** StartDateAgreed (the latest agreed day), StartedInPost and LeftPost. */
export async function recordEmployment(
  tx: Queryable,
  o: OfferRef,
  fact: { startsOn: string } | { startedOn: string } | { leftOn: string; reasonCode: string },
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  if ('startsOn' in fact)
    await tx.query(
      `update offer set starts_on = $2, start_agreed_at = $3, start_agreed_event = $4
        where offer_id = $1 and (start_agreed_at is null
                                 or ($3::timestamptz, $4::uuid) > (start_agreed_at, start_agreed_event))`,
      [o.offerId, fact.startsOn, stamp.at, stamp.eventId],
    );
  else if ('startedOn' in fact)
    await tx.query('update offer set started_on = $2 where offer_id = $1', [
      o.offerId,
      fact.startedOn,
    ]);
  else
    await tx.query('update offer set left_on = $2, left_reason = $3 where offer_id = $1', [
      o.offerId,
      fact.leftOn,
      fact.reasonCode,
    ]);
}

/** SustainmentDue (the mark reached, the answer asked for by a time) or SustainmentConfirmed. */
export async function recordSustainment(
  tx: Queryable,
  o: OfferRef,
  weeks: number,
  fact: { answerDueAt: string } | { confirmed: true },
  stamp: EventStamp,
): Promise<void> {
  await ensureOffer(tx, o);
  if ('answerDueAt' in fact)
    await tx.query(
      `insert into sustainment_mark (offer_id, weeks, reached_at, answer_due_at) values ($1, $2, $3, $4)
       on conflict (offer_id, weeks) do update set
         reached_at = least(sustainment_mark.reached_at, excluded.reached_at),
         answer_due_at = case when sustainment_mark.reached_at is null
                                or excluded.reached_at < sustainment_mark.reached_at
                              then excluded.answer_due_at else sustainment_mark.answer_due_at end`,
      [o.offerId, weeks, stamp.at, fact.answerDueAt],
    );
  else
    await tx.query(
      `insert into sustainment_mark (offer_id, weeks, confirmed_at) values ($1, $2, $3)
       on conflict (offer_id, weeks) do update set
         confirmed_at = least(sustainment_mark.confirmed_at, excluded.confirmed_at)`,
      [o.offerId, weeks, stamp.at],
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

/**
 * The journey's columns that its employer facts decide, from the employer tables as they stand
 * (after the rest of its row, whose missed deadline and ending they use). While the journey has
 * not ended: the next deadline is the earliest of the missed one, an offer's answer, an open
 * check's due day (to its end, UTC) on an accepted offer, and a sustainment answer asked for and
 * not given on an employment not left.
 */
export async function refreshEmployerWaits(
  tx: Queryable,
  referralIds: readonly string[],
): Promise<void> {
  await tx.query(
    `with derived as (
       select j.referral_id, j.ending_outcome is null as open, j.deadline_due_at,
              (select min(o.respond_by) from offer o
                where o.participant_id = j.participant_id and o.programme_id = j.programme_id
                  and o.status = 'made') as offer_due,
              c.any_due_on, c.employer_due_on,
              (select min(s.answer_due_at) from offer o
                 join sustainment_mark s on s.offer_id = o.offer_id
                where o.participant_id = j.participant_id and o.programme_id = j.programme_id
                  and s.answer_due_at is not null and s.confirmed_at is null
                  and o.left_on is null) as answer_due
         from journey j
         left join lateral (
           select min(c.due_on) as any_due_on,
                  min(c.due_on) filter (where c.owner = 'employer') as employer_due_on
             from offer o join pre_employment_check c on c.offer_id = o.offer_id
            where o.participant_id = j.participant_id and o.programme_id = j.programme_id
              and o.status = 'accepted' and c.status not in ('cleared', 'failed')) c on true
        where j.referral_id = any($1::uuid[])
     )
     update journey j set
       next_deadline_at = case when d.open then least(
         d.deadline_due_at, d.offer_due, d.answer_due,
         (d.any_due_on + 1)::timestamp at time zone 'UTC') end,
       employer_check_due_on = case when d.open then d.employer_due_on end,
       sustainment_answer_due_at = case when d.open then d.answer_due end
     from derived d where j.referral_id = d.referral_id`,
    [referralIds],
  );
}

/** The tables of the employer facts (a rebuild empties them with the rest). */
export const employerTables = [
  'placement',
  'interview',
  'offer',
  'pre_employment_check',
  'sustainment_mark',
] as const;
