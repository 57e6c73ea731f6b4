import {
  programmeRulesPublishedV1,
  progressedToFurtherEducationV1,
  trainingAtRiskV1,
  trainingCompletedV1,
  trainingEnrolledV1,
  trainingPlaceRequestedV1,
  trainingSeatOfferedV1,
  trainingSessionRecordedV1,
  trainingWaitlistedV1,
  trainingWithdrawnV1,
  journeyMilestoneRecordedV1,
  journeyOutcomeRecordedV2,
  journeyStageChangedV2,
  journeyStalledV3,
  referralSubmittedV3,
  referralWithdrawnV2,
  topics,
} from '@ladder/events';
import type { KeyRing } from '@ladder/crypto';
import type { EventSubscription } from '@ladder/kafka';
import type { Queryable } from '@ladder/db';
import { lockCheckDating, redateCreatedChecks } from '../db/employer-projection.repository.js';
import {
  lockJourney,
  lockJourneysOf,
  recordProgramme,
  insertMilestone,
  recordReferral,
  refreshJourneys,
  type JourneyKey,
  type MilestoneRow,
  type ParticipantMilestoneRow,
} from '../db/projection.repository.js';
import { employerHandlers } from './employer-projection.handlers.js';
import { projectForParticipant } from './project-for-participant.js';
import { reportingProfileHandlers } from './reporting-profile.handlers.js';
import { handle } from './typed-handler.js';

/** The topics the read model is projected from. */
export const projectedTopics = [
  topics.referrals,
  topics.journeys,
  topics.training,
  topics.employers,
] as const;

/** The read model's consumer group, before its generation. */
export const projectionGroupBase = 'ops-service.read-model';

async function project(
  tx: Queryable,
  key: JourneyKey,
  milestone: Omit<MilestoneRow, 'referralId'>,
): Promise<void> {
  await lockJourney(tx, key, milestone.occurredAt);
  await insertMilestone(tx, { ...milestone, referralId: key.referralId });
  await refreshJourneys(tx, [key.referralId]);
}

/** What a training event tells about a place (ids of the place and provider, no personal data). */
interface TrainingPlace {
  placeId: string;
  participantId: string;
  programmeId: string;
  providerOrganisationId: string;
  occurredAt: string;
}

const training = (
  code: string,
  event: { id: string },
  place: TrainingPlace,
  detail: ParticipantMilestoneRow['detail'] = {},
): ParticipantMilestoneRow => ({
  eventId: event.id,
  source: 'training',
  participantId: place.participantId,
  programmeId: place.programmeId,
  code,
  occurredAt: place.occurredAt,
  detail: { placeId: place.placeId, provider: place.providerOrganisationId, ...detail },
});

/**
 * Projects referrals, journeys, training and employers into the read model. Each handler records the event as a
 * milestone (keyed by event id) and derives the journey's row again from all its milestones, so
 * a duplicate changes nothing and events arriving out of order give the same row. The reporting
 * profile's events (opened with the reporting keys) are kept apart from the milestones, which
 * hold no personal data.
 */
export function projectionHandlers(keys: { reportingKeys: KeyRing }): EventSubscription[] {
  return [
    ...reportingProfileHandlers(keys.reportingKeys),
    handle(programmeRulesPublishedV1, async (data, _event, { tx }) => {
      await lockCheckDating(tx, data.programmeId);
      await recordProgramme(tx, { ...data, checkDueDays: data.rules.employment.checkDueDays });
      const journeys = await redateCreatedChecks(tx, data.programmeId, (participants) =>
        lockJourneysOf(tx, data.programmeId, participants),
      );
      if (journeys.length > 0) await refreshJourneys(tx, journeys);
    }),
    ...employerHandlers(),
    handle(trainingPlaceRequestedV1, (data, event, { tx }) =>
      projectForParticipant(tx, training('training-place-requested', event, data)),
    ),
    handle(trainingWaitlistedV1, (data, event, { tx }) =>
      projectForParticipant(tx, training('training-waitlisted', event, data)),
    ),
    handle(trainingSeatOfferedV1, (data, event, { tx }) =>
      projectForParticipant(tx, training('training-seat-offered', event, data)),
    ),
    handle(trainingEnrolledV1, (data, event, { tx }) =>
      projectForParticipant(
        tx,
        training('training-enrolled', event, data, { qualification: data.qualification }),
      ),
    ),
    handle(trainingSessionRecordedV1, (data, event, { tx }) =>
      projectForParticipant(
        tx,
        training('training-session-recorded', event, data, {
          mark: data.mark,
          absencesInARow: data.absencesInARow,
        }),
      ),
    ),
    handle(trainingAtRiskV1, (data, event, { tx }) =>
      projectForParticipant(
        tx,
        training('training-at-risk', event, data, { absencesInARow: data.absencesInARow }),
      ),
    ),
    handle(trainingCompletedV1, (data, event, { tx }) =>
      projectForParticipant(
        tx,
        training('training-completed', event, data, {
          result: data.result,
          qualification: data.qualification,
          qualificationAwarded: data.qualificationAwarded,
        }),
      ),
    ),
    handle(trainingWithdrawnV1, (data, event, { tx }) =>
      projectForParticipant(
        tx,
        training('training-withdrawn', event, data, { reasonCode: data.reasonCode }),
      ),
    ),
    handle(progressedToFurtherEducationV1, (data, event, { tx }) =>
      projectForParticipant(tx, training('progressed-to-further-education', event, data)),
    ),
    handle(referralSubmittedV3, async (data, event, { tx }) => {
      await recordReferral(tx, {
        referralId: data.referralId,
        participantId: data.participantId,
        programmeId: data.programmeId,
        referrerOrganisationId: data.referrerOrganisationId,
        programmeVersion: data.programmeVersion,
        eligibility: data.eligibility.decision,
        referredAt: data.submittedAt,
      });
      await project(tx, data, {
        eventId: event.id,
        kind: 'referral',
        code: 'referral-submitted',
        occurredAt: data.submittedAt,
        detail: { eligibility: data.eligibility.decision },
      });
    }),
    handle(referralWithdrawnV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'referral',
        code: 'referral-withdrawn',
        occurredAt: data.withdrawnAt,
        detail: { reasonCode: data.reasonCode },
      });
    }),
    handle(journeyStageChangedV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'stage',
        code: data.stage,
        occurredAt: data.occurredAt,
        detail: { previousStage: data.previousStage },
      });
    }),
    handle(journeyOutcomeRecordedV2, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'outcome',
        code: data.outcome,
        occurredAt: data.occurredAt,
        detail: { reasonCode: data.reasonCode ?? null, final: data.final },
      });
    }),
    handle(journeyMilestoneRecordedV1, async (data, event, { tx }) => {
      // Codes and opaque ids only; the latest `mentor-assigned` is the journey's mentor.
      await project(tx, data, {
        eventId: event.id,
        kind: 'staff',
        code: data.code,
        occurredAt: data.occurredAt,
        detail: {
          ref: data.ref ?? null,
          applicationOutcome: data.applicationOutcome ?? null,
          mentorId: data.mentorId ?? null,
          recordedBy: data.recordedBy ?? null,
        },
      });
    }),
    handle(journeyStalledV3, async (data, event, { tx }) => {
      await project(tx, data, {
        eventId: event.id,
        kind: 'stall',
        code: data.deadline,
        occurredAt: data.occurredAt,
        detail: {
          stage: data.stage,
          dueAt: data.dueAt,
          waitingFor: data.waitingFor,
          from: data.from,
          escalated: data.escalated,
        },
      });
    }),
  ];
}
