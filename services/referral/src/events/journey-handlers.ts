import {
  journeyMilestoneRecordedV1,
  journeyOutcomeRecordedV2,
  journeyStageChangedV2,
  journeyStalledV3,
} from '@ladder/events';
import { endingOutcomes, type Outcome, type Stage } from '@ladder/vocabulary';
import { on, type EventSubscription, type HandlerContext } from '@ladder/kafka';
import {
  findReferralForJourney,
  updateReferralState,
  type ReferralRow,
  type ReferralStatus,
} from '../db/referrals.repository.js';
import { recordMilestone } from '../use-cases/record-milestone.js';

/** What one journey event changes on its referral, read from the event's typed data. */
interface JourneyChange {
  code: string;
  detail: Record<string, unknown>;
  stage?: Stage;
  outcome?: Outcome;
  /** True when the journey has ended with this outcome (no more milestones will follow). */
  final?: boolean;
}

/** The part every journey event shares: whose journey it is and when it happened. */
interface JourneyEvent {
  id: string;
  subject: string;
  data: { programmeId: string; occurredAt: string };
}

/** Outcomes after which a person may be referred to the programme again. */
const endingOutcomeCodes = new Set<Outcome>(endingOutcomes);

const settled: readonly ReferralStatus[] = ['withdrawn', 'not-eligible', 'closed'];

function statusAfter(
  referral: ReferralRow,
  outcome?: Outcome,
  final?: boolean,
): { status: ReferralStatus; active: boolean } {
  if (outcome === 'withdrawn' || outcome === 'not-eligible')
    return { status: outcome, active: false };
  if (outcome && (final ?? endingOutcomeCodes.has(outcome)))
    return { status: 'closed', active: false };
  // A later stage change (to "closed") never reopens a settled referral.
  if (settled.includes(referral.status))
    return { status: referral.status, active: referral.active };
  return { status: 'in-progress', active: referral.active };
}

async function applyJourneyChange(
  event: JourneyEvent,
  { tx, logger }: HandlerContext,
  change: JourneyChange,
): Promise<void> {
  const referral = await findReferralForJourney(tx, event.subject, event.data.programmeId);
  if (!referral) {
    logger.warn({ participantId: event.subject }, 'journey event for no known referral; ignored');
    return;
  }
  // A withdrawn referral keeps its status (statusAfter), but still follows its journey to the
  // end: the referrer is told the stage it closed in, not the one it was withdrawn from.
  const next = statusAfter(referral, change.outcome, change.final);
  await updateReferralState(tx, referral.id, {
    ...next,
    ...(change.stage ? { stage: change.stage } : {}),
    ...(change.outcome ? { outcome: change.outcome } : {}),
  });
  await recordMilestone(
    tx,
    referral,
    {
      code: change.code,
      occurredAt: event.data.occurredAt,
      detail: change.detail,
      sourceEventId: event.id,
    },
    next.status,
  );
}

/**
 * Keeps each referral's status, stage and milestones current from the journey's events, and
 * tells the referrer through webhooks. Runs inside the consumer runner's transaction, so an
 * event handled twice changes nothing (and each milestone remembers its source event).
 */
export function journeyHandlers(): EventSubscription[] {
  return [
    on(journeyStageChangedV2, (event, context) => {
      const { stage } = event.data;
      return applyJourneyChange(event, context, {
        code: `stage-${stage}`,
        detail: { stage },
        stage,
      });
    }),
    on(journeyOutcomeRecordedV2, (event, context) => {
      const { outcome, reasonCode, final } = event.data;
      return applyJourneyChange(event, context, {
        code: `outcome-${outcome}`,
        detail: { outcome, ...(reasonCode ? { reasonCode } : {}) },
        outcome,
        final,
      });
    }),
    on(journeyStalledV3, (event, context) => {
      const { deadline, stage, dueAt } = event.data;
      return applyJourneyChange(event, context, {
        code: 'journey-stalled',
        detail: { deadline, stage, dueAt },
        stage,
      });
    }),
    // A step the operator's staff recorded (engagement, CV, applications, mock interviews,
    // mentoring, volunteering, a mentor assigned), by its code only, as employer steps are: which
    // application, its outcome and which staff member are the operator's, not the referrer's.
    // The stage it may move follows in the journey's own JourneyStageChanged.
    on(journeyMilestoneRecordedV1, async (event, { tx, logger }) => {
      const referral = await findReferralForJourney(tx, event.subject, event.data.programmeId);
      if (!referral) {
        logger.warn(
          { participantId: event.subject },
          'journey event for no known referral; ignored',
        );
        return;
      }
      await recordMilestone(
        tx,
        referral,
        {
          code: event.data.code,
          occurredAt: event.data.occurredAt,
          detail: {},
          sourceEventId: event.id,
        },
        referral.status,
      );
    }),
  ];
}
