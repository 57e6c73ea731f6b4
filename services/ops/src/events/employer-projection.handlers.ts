import {
  employmentCheckUpdatedV1,
  interviewRecordedV1,
  interviewRescheduledV1,
  interviewScheduledV1,
  leftPostV1,
  offerAcceptedV1,
  offerDeclinedV1,
  offerExpiredV1,
  offerMadeUnconditionalV1,
  offerMadeV1,
  offerWithdrawnV1,
  placementCompletedV1,
  placementConfirmedV1,
  placementDeclinedV1,
  placementEndedEarlyV1,
  placementProposedV1,
  placementStartedV1,
  startDateAgreedV1,
  startedInPostV1,
  sustainmentConfirmedV1,
  sustainmentDueV1,
} from '@ladder/events';
import type { EventSubscription, HandlerContext } from '@ladder/kafka';
import type { MilestoneCode, OfferStatus, PlacementStatus } from '@ladder/vocabulary';
import {
  lockCheckDating,
  recordCheck,
  recordEmployment,
  recordInterviewHeld,
  recordInterviewScheduled,
  recordOfferAccepted,
  recordOfferStatus,
  recordOfferTerms,
  recordPlacement,
  recordSustainment,
  type EventStamp,
  type OfferRef,
} from '../db/employer-projection.repository.js';
import type { ParticipantMilestoneRow } from '../db/projection.repository.js';
import { projectForParticipant } from './project-for-participant.js';
import { handle } from './typed-handler.js';

/** What every employer event names (ids only) and when it happened. */
interface EmployerFact {
  participantId: string;
  programmeId: string;
  employerOrganisationId: string;
  occurredAt: string;
}

/**
 * Records the event as a timeline milestone of the participant in the programme (its code from
 * the journey's vocabulary, the employer and the ids and codes in `detail`), applies it to the
 * employer tables and derives the journeys again.
 */
function project(
  code: MilestoneCode,
  data: EmployerFact,
  event: { id: string },
  { tx }: HandlerContext,
  detail: ParticipantMilestoneRow['detail'],
  apply: (stamp: EventStamp) => Promise<void>,
): Promise<void> {
  return projectForParticipant(
    tx,
    {
      eventId: event.id,
      source: 'employer',
      participantId: data.participantId,
      programmeId: data.programmeId,
      code,
      occurredAt: data.occurredAt,
      detail: { employer: data.employerOrganisationId, ...detail },
    },
    () => apply({ at: data.occurredAt, eventId: event.id }),
  );
}

type PlacementData = EmployerFact & {
  placementId: string;
  slotId: string;
  placementKind?: string;
  reasonCode?: string;
};

/** Every placement event is a status the placement reached (the kind, when it carries it). */
const onPlacement =
  (status: PlacementStatus) =>
  (data: PlacementData, event: { id: string }, context: HandlerContext) => {
    const kind = data.placementKind ?? null;
    const reasonCode = data.reasonCode ?? null;
    return project(
      `placement-${status}`,
      data,
      event,
      context,
      { placementId: data.placementId, kind, reasonCode },
      (stamp) => recordPlacement(context.tx, { ...data, kind, status, reasonCode }, stamp),
    );
  };

type OfferData = EmployerFact & OfferRef;

/** An offer event that changes the offer's status (and, for some, says why). */
const onOfferStatus =
  (code: MilestoneCode, status: Exclude<OfferStatus, 'made'>) =>
  async (
    data: OfferData & { reasonCode?: string; check?: string | null; recordedBy?: string },
    event: { id: string },
    context: HandlerContext,
  ) => {
    const why = { reasonCode: data.reasonCode ?? null, failedCheck: data.check ?? null };
    if (status === 'accepted') await lockCheckDating(context.tx, data.programmeId);
    return project(
      code,
      data,
      event,
      context,
      { offerId: data.offerId, recordedBy: data.recordedBy ?? null, ...why },
      async (stamp) => {
        await recordOfferStatus(context.tx, data, { status, ...why }, stamp);
        if (status === 'accepted') await recordOfferAccepted(context.tx, data, stamp);
      },
    );
  };

/**
 * Projects the employer service's events: placements, interviews, offers, the six checks and the
 * employment that follows (start, sustainment marks, leaving). Each is a milestone of the
 * participant's journeys and a change to the employer tables the journey page shows.
 */
export function employerHandlers(): EventSubscription[] {
  return [
    handle(placementProposedV1, onPlacement('proposed')),
    handle(placementConfirmedV1, onPlacement('confirmed')),
    handle(placementDeclinedV1, onPlacement('declined')),
    handle(placementStartedV1, onPlacement('started')),
    handle(placementCompletedV1, onPlacement('completed')),
    handle(placementEndedEarlyV1, onPlacement('ended-early')),
    handle(interviewScheduledV1, (data, event, context) =>
      project(
        'interview-scheduled',
        data,
        event,
        context,
        { interviewId: data.interviewId, format: data.format, scheduledAt: data.scheduledAt },
        (stamp) => recordInterviewScheduled(context.tx, data, stamp),
      ),
    ),
    // A moved interview is scheduled again: its new time, format and site replace the old ones
    // (the later event wins), and the timeline says it was a move. InterviewCancelled has no
    // handler yet, so the runner skips it: the interview table has no cancelled state to show.
    handle(interviewRescheduledV1, (data, event, context) =>
      project(
        'interview-scheduled',
        data,
        event,
        context,
        {
          interviewId: data.interviewId,
          format: data.format,
          scheduledAt: data.scheduledAt,
          rescheduled: true,
          previousScheduledAt: data.previousScheduledAt,
        },
        (stamp) => recordInterviewScheduled(context.tx, data, stamp),
      ),
    ),
    handle(interviewRecordedV1, (data, event, context) =>
      project(
        data.attendance === 'attended' ? 'interview-held' : 'interview-missed',
        data,
        event,
        context,
        { interviewId: data.interviewId, attendance: data.attendance, result: data.result },
        (stamp) => recordInterviewHeld(context.tx, data, stamp),
      ),
    ),
    handle(offerMadeV1, (data, event, context) =>
      project(
        'offer-made',
        data,
        event,
        context,
        { offerId: data.offerId, role: data.role, band: data.band, respondBy: data.respondBy },
        async (stamp) => {
          await recordOfferTerms(context.tx, data, data, stamp);
          await recordOfferStatus(context.tx, data, { status: 'made' }, stamp);
        },
      ),
    ),
    handle(offerAcceptedV1, onOfferStatus('offer-accepted', 'accepted')),
    handle(offerDeclinedV1, onOfferStatus('offer-declined', 'declined')),
    handle(offerExpiredV1, onOfferStatus('offer-expired', 'expired')),
    handle(offerWithdrawnV1, onOfferStatus('offer-withdrawn', 'withdrawn')),
    handle(offerMadeUnconditionalV1, onOfferStatus('offer-made-unconditional', 'unconditional')),
    handle(employmentCheckUpdatedV1, (data, event, context) =>
      project(
        data.status === 'cleared'
          ? 'check-cleared'
          : data.status === 'failed'
            ? 'check-failed'
            : 'check-updated',
        data,
        event,
        context,
        {
          offerId: data.offerId,
          check: data.check,
          status: data.status,
          owner: data.owner,
          thirdParty: data.thirdParty,
          dueOn: data.dueOn,
        },
        (stamp) => recordCheck(context.tx, data, data, stamp),
      ),
    ),
    handle(startDateAgreedV1, (data, event, context) =>
      project(
        'start-date-agreed',
        data,
        event,
        context,
        { offerId: data.offerId, startsOn: data.startsOn },
        (stamp) => recordEmployment(context.tx, data, { startsOn: data.startsOn }, stamp),
      ),
    ),
    handle(startedInPostV1, (data, event, context) =>
      project(
        'started-in-post',
        data,
        event,
        context,
        { offerId: data.offerId, startedOn: data.startedOn },
        (stamp) => recordEmployment(context.tx, data, { startedOn: data.startedOn }, stamp),
      ),
    ),
    handle(leftPostV1, (data, event, context) =>
      project(
        'left-post',
        data,
        event,
        context,
        { offerId: data.offerId, leftOn: data.leftOn, reasonCode: data.reasonCode },
        (stamp) => recordEmployment(context.tx, data, data, stamp),
      ),
    ),
    handle(sustainmentDueV1, (data, event, context) =>
      project(
        'sustainment-due',
        data,
        event,
        context,
        { offerId: data.offerId, weeks: data.weeks, answerDueAt: data.answerDueAt },
        (stamp) =>
          recordSustainment(context.tx, data, data.weeks, { answerDueAt: data.answerDueAt }, stamp),
      ),
    ),
    handle(sustainmentConfirmedV1, (data, event, context) =>
      project(
        'sustainment-confirmed',
        data,
        event,
        context,
        { offerId: data.offerId, weeks: data.weeks },
        (stamp) => recordSustainment(context.tx, data, data.weeks, { confirmed: true }, stamp),
      ),
    ),
  ];
}
