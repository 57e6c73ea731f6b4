import type { EventEnvelope } from '@ladder/events';
import { endingOutcomes } from '@ladder/vocabulary';
import type { EventHandler } from '@ladder/kafka';
import type { Queryable } from '@ladder/db';
import {
  findReferralForJourney,
  updateReferralState,
  type ReferralRow,
  type ReferralStatus,
} from '../db/referrals.repository.js';
import { recordMilestone } from '../use-cases/record-milestone.js';

/** The fields of the journey's milestone events this service reads (a tolerant reader). */
interface JourneyEventData {
  programmeId: string;
  stage?: string;
  outcome?: string;
  reasonCode?: string;
  deadline?: string;
  dueAt?: string;
  /** True when the journey has ended with this outcome (no more milestones will follow). */
  final?: boolean;
  occurredAt?: string;
}

/** Outcomes after which a person may be referred to the programme again. */
const endingOutcomeCodes = new Set<string>(endingOutcomes);

async function forJourney(tx: Queryable, event: EventEnvelope): Promise<ReferralRow | undefined> {
  return findReferralForJourney(tx, event.subject, (event.data as JourneyEventData).programmeId);
}

const settled: readonly ReferralStatus[] = ['withdrawn', 'not-eligible', 'closed'];

function statusAfter(
  referral: ReferralRow,
  outcome?: string,
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

/**
 * Keeps each referral's status, stage and milestones current from the journey's events, and
 * tells the referrer through webhooks. Runs inside the consumer runner's transaction, so an
 * event handled twice changes nothing (and each milestone remembers its source event).
 */
export function journeyHandlers(): Record<string, EventHandler> {
  const milestone =
    (
      code: (data: JourneyEventData) => string,
      detail: (data: JourneyEventData) => Record<string, unknown>,
    ): EventHandler =>
    async (event, { tx, logger }) => {
      const referral = await forJourney(tx, event);
      if (!referral) {
        logger.warn(
          { participantId: event.subject },
          'journey event for no known referral; ignored',
        );
        return;
      }
      const data = event.data as JourneyEventData;
      const next = statusAfter(referral, data.outcome, data.final);
      if (referral.status !== 'withdrawn') {
        await updateReferralState(tx, referral.id, {
          ...next,
          ...(data.stage ? { stage: data.stage } : {}),
          ...(data.outcome ? { outcome: data.outcome } : {}),
        });
      }
      await recordMilestone(
        tx,
        referral,
        {
          code: code(data),
          occurredAt: data.occurredAt ?? event.occurredAt,
          detail: detail(data),
          sourceEventId: event.id,
        },
        next.status,
      );
    };
  return {
    JourneyStageChanged: milestone(
      (d) => `stage-${d.stage ?? 'unknown'}`,
      (d) => ({ stage: d.stage }),
    ),
    JourneyOutcomeRecorded: milestone(
      (d) => `outcome-${d.outcome ?? 'unknown'}`,
      (d) => ({ outcome: d.outcome, ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}) }),
    ),
    JourneyStalled: milestone(
      () => 'journey-stalled',
      (d) => ({ deadline: d.deadline, stage: d.stage, dueAt: d.dueAt }),
    ),
  };
}
