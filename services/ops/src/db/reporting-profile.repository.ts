import type { Queryable } from '@ladder/db';
import type { ReportingProfile } from '@ladder/events';

/** The point an event holds in a referral's history: its time, then its (time-ordered) id. */
interface Happened {
  eventId: string;
  occurredAt: string;
}

/** Whose profiles a change is about: one referral's, or every one of a participant's. */
type Whose = { referralId: string } | { participantId: string };

const whose = (of: Whose): [column: 'referral_id' | 'participant_id', id: string] =>
  'referralId' in of ? ['referral_id', of.referralId] : ['participant_id', of.participantId];

/**
 * Records a share of the profile. Stored without its codes when the consent was already taken
 * back, or the participant erased, after it (a share replayed late), so that they are never kept.
 */
export async function recordProfileShared(
  tx: Queryable,
  share: { referralId: string; participantId: string; profile: ReportingProfile } & Happened,
): Promise<void> {
  const groups = [...new Set(share.profile.priorityGroups)].sort();
  await tx.query(
    `insert into reporting_profile_change
       (event_id, referral_id, participant_id, change, occurred_at, area, priority_groups)
     select $1, $2, $3, 'shared', $4,
            case when taken_back then null else $5::text end,
            case when taken_back then null else $6::text[] end
       from (select exists (
               select 1 from reporting_profile_change later
                where later.referral_id = $2 and later.change <> 'shared'
                  and (later.occurred_at, later.event_id) > ($4::timestamptz, $1::uuid))
             or exists (
               select 1 from participant_erasure e
                where e.participant_id = $3
                  and (e.erased_at, e.event_id) > ($4::timestamptz, $1::uuid)) as taken_back) t
     on conflict (event_id) do nothing`,
    [
      share.eventId,
      share.referralId,
      share.participantId,
      share.occurredAt,
      share.profile.area,
      groups,
    ],
  );
}

/** Deletes the codes of every share of theirs from before the event. */
async function forgetSharesBefore(tx: Queryable, of: Whose, event: Happened): Promise<void> {
  const [column, id] = whose(of);
  await tx.query(
    `update reporting_profile_change set area = null, priority_groups = null
      where ${column} = $1 and change = 'shared' and area is not null
        and (occurred_at, event_id) < ($2::timestamptz, $3::uuid)`,
    [id, event.occurredAt, event.eventId],
  );
}

/**
 * Records that the referral's consent for outcome reporting was withdrawn or expired, and deletes
 * what was shared before.
 */
export async function recordProfileTakenBack(
  tx: Queryable,
  change: { referralId: string; participantId: string } & Happened & {
      change: 'consent-withdrawn' | 'consent-expired';
    },
): Promise<void> {
  await tx.query(
    `insert into reporting_profile_change (event_id, referral_id, participant_id, change, occurred_at)
     values ($1, $2, $3, $4, $5) on conflict (event_id) do nothing`,
    [change.eventId, change.referralId, change.participantId, change.change, change.occurredAt],
  );
  await forgetSharesBefore(tx, { referralId: change.referralId }, change);
}

/** Records an erasure of the participant, and deletes every profile of theirs shared before it. */
export async function recordParticipantErased(
  tx: Queryable,
  erasure: { participantId: string } & Happened,
): Promise<void> {
  await tx.query(
    `insert into participant_erasure (event_id, participant_id, erased_at) values ($1, $2, $3)
     on conflict (event_id) do nothing`,
    [erasure.eventId, erasure.participantId, erasure.occurredAt],
  );
  await forgetSharesBefore(tx, { participantId: erasure.participantId }, erasure);
}

/**
 * Locks the journeys a change is about (the referral's, or every journey of the participant in
 * every programme), in the order the projection locks journeys, and names those there are. None
 * is started: a journey that is not there yet has no profile to take back, and derives it from
 * the changes once its share arrives.
 */
export async function lockProfileJourneys(tx: Queryable, of: Whose): Promise<string[]> {
  const [column, id] = whose(of);
  const { rows } = await tx.query<{ referral_id: string }>(
    `select referral_id from journey where ${column} = $1 order by referral_id for update`,
    [id],
  );
  return rows.map((r) => r.referral_id);
}

/**
 * Derives each journey's area and priority groups from the latest of its referral's changes and
 * its participant's erasures (by time, then event id): the share's, when that is a share; none
 * otherwise. Call with the journeys locked.
 */
export async function refreshReportingProfiles(
  tx: Queryable,
  referralIds: readonly string[],
): Promise<void> {
  if (referralIds.length === 0) return;
  await tx.query(
    `update journey j set area = latest.area, priority_groups = latest.priority_groups
       from unnest($1::uuid[]) as r(id)
       left join lateral (
         select area, priority_groups from (
           select c.occurred_at, c.event_id, c.area, c.priority_groups
             from reporting_profile_change c where c.referral_id = r.id
           union all
           select e.erased_at, e.event_id, null, null
             from participant_erasure e join journey ej on ej.participant_id = e.participant_id
            where ej.referral_id = r.id
         ) changes order by occurred_at desc, event_id desc limit 1) latest on true
      where j.referral_id = r.id
        and (j.area, j.priority_groups) is distinct from (latest.area, latest.priority_groups)`,
    [referralIds],
  );
}

/** The tables a rebuild empties with the rest of the read model. */
export const reportingProfileTables = ['reporting_profile_change', 'participant_erasure'] as const;
