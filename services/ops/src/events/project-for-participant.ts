import type { Queryable } from '@ladder/db';
import {
  insertParticipantMilestone,
  lockJourneysOf,
  refreshJourneys,
  type ParticipantMilestoneRow,
} from '../db/projection.repository.js';

/**
 * A fact about a participant in a programme (a training or employer event, which name no
 * referral): the journeys of that participant and programme are locked, the fact recorded as a
 * milestone, what else it tells applied (`apply`, the employer's tables), and each journey derived
 * again.
 */
export async function projectForParticipant(
  tx: Queryable,
  milestone: ParticipantMilestoneRow,
  apply?: () => Promise<void>,
): Promise<void> {
  const journeys = await lockJourneysOf(tx, milestone.programmeId, [milestone.participantId]);
  await insertParticipantMilestone(tx, milestone);
  await apply?.();
  if (journeys.length > 0) await refreshJourneys(tx, journeys);
}
