import type { Queryable } from '@ladder/db';
import { whenLater, type EmployerRef, type EventStamp } from './latest-event.js';

interface InterviewRef extends EmployerRef {
  interviewId: string;
  vacancyId: string;
}

/** InterviewScheduled: when, how and where, as the latest scheduling says. */
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

/** InterviewRecorded: attendance and result, as the latest record says. */
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
