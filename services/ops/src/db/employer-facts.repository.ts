import type { Queryable } from '@ladder/db';
import { preEmploymentChecks } from '@ladder/vocabulary';
import type { EmployerView } from '../domain/employer-view.js';

/** Times as ISO 8601 text with offset, the way the API answers them. */
const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * What the employer's events tell of a participant in a programme: placements, interviews and
 * offers (each with its checks, in the order of the NHS standards, and its employment), oldest
 * first. A check is overdue when it is open and its due day is before `now`'s (UTC).
 */
export async function employerView(
  db: Queryable,
  participantId: string,
  programmeId: string,
  now: Date,
): Promise<EmployerView> {
  const who = [participantId, programmeId];
  const placements = await db.query<EmployerView['placements'][number]>(
    `select placement_id as "placementId", slot_id as "slotId",
            employer_organisation_id as "employerOrganisationId", kind, status,
            reason_code as "reasonCode", ${iso('status_at')} as since
       from placement where participant_id = $1 and programme_id = $2
      order by status_at, placement_id`,
    who,
  );
  const interviews = await db.query<EmployerView['interviews'][number]>(
    `select interview_id as "interviewId", vacancy_id as "vacancyId",
            employer_organisation_id as "employerOrganisationId",
            ${iso('scheduled_at')} as "scheduledAt", format, attendance, result
       from interview where participant_id = $1 and programme_id = $2
      order by scheduled_at nulls last, interview_id`,
    who,
  );
  const offers = await db.query<EmployerView['offers'][number]>(
    `select o.offer_id as "offerId", o.vacancy_id as "vacancyId",
            o.employer_organisation_id as "employerOrganisationId", o.interview_id as "interviewId",
            o.role, o.band, o.hours_per_week::float8 as "hoursPerWeek",
            ${iso('o.respond_by')} as "respondBy", ${iso('o.made_at')} as "madeAt",
            ${iso('o.accepted_at')} as "acceptedAt", o.status, o.reason_code as "reasonCode",
            o.failed_check as "failedCheck",
            coalesce((select json_agg(json_build_object(
                        'check', c."check", 'status', c.status, 'owner', c.owner,
                        'thirdParty', c.third_party, 'dueOn', ${day('c.due_on')},
                        'overdue', c.status not in ('cleared', 'failed')
                                   and c.due_on < ($3::timestamptz at time zone 'UTC')::date)
                      order by array_position($4::text[], c."check"))
                        from pre_employment_check c where c.offer_id = o.offer_id), '[]') as checks,
            json_build_object(
              'startsOn', ${day('o.starts_on')}, 'startedOn', ${day('o.started_on')},
              'leftOn', ${day('o.left_on')}, 'leftReason', o.left_reason,
              'sustainment', coalesce((select json_agg(json_build_object(
                  'weeks', s.weeks, 'reachedAt', ${iso('s.reached_at')},
                  'answerDueAt', ${iso('s.answer_due_at')}, 'confirmedAt', ${iso('s.confirmed_at')})
                  order by s.weeks)
                from sustainment_mark s where s.offer_id = o.offer_id), '[]')) as employment
       from offer o where o.participant_id = $1 and o.programme_id = $2
      order by o.made_at nulls last, o.offer_id`,
    [...who, now.toISOString(), preEmploymentChecks],
  );
  return { placements: placements.rows, interviews: interviews.rows, offers: offers.rows };
}
