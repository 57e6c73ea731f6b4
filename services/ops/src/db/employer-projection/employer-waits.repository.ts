import type { Queryable } from '@ladder/db';

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
