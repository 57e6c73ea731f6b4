import { randomUUID } from 'node:crypto';
import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import {
  placementCompletedV1,
  placementConfirmedV1,
  placementDeclinedV1,
  placementEndedEarlyV1,
  placementProposedV1,
  placementStartedV1,
} from '@ladder/events';
import { problem } from '@ladder/http';
import type { EarlyEndReason, PlacementDeclineReason, PlacementKind } from '@ladder/vocabulary';
import { getSlot, lockSlot } from '../db/opportunities.repository.js';
import {
  getPlacement,
  insertPlacement,
  setPlacementStatus,
  type Placement,
  type PlacementStatus,
} from '../db/placements.repository.js';
import { placementEvent } from '../events/placement-events.js';
import { assertEmployerOf, assertMayActOn } from './access.js';
import type { EmployerDeps } from './deps.js';
import { assertOperatorOf, programmeOfParticipant } from './programme-participant.js';

/** A placement as the API shows it: ids, codes, dates. */
export function placementView(p: Placement) {
  return {
    ...p,
    links: { self: `/v1/placements/${p.id}`, slot: `/v1/placement-slots/${p.slotId}` },
  };
}

/**
 * The operator of the participant's programme proposes them for a slot. Run in the
 * Idempotency-Key's transaction.
 */
export async function proposePlacement(
  tx: PoolClient,
  deps: EmployerDeps,
  actor: Actor,
  request: { slotId: string; participantId: string; programmeId: string },
) {
  await programmeOfParticipant(tx, request, (programme) =>
    assertOperatorOf(programme, actor, 'propose its participants'),
  );
  const slot = await getSlot(tx, request.slotId);
  if (!slot) throw problem.notFound('no such placement slot');
  try {
    const placement = await insertPlacement(tx, {
      id: randomUUID(),
      ...request,
      employerOrganisationId: slot.employerOrganisationId,
      operatorOrganisationId: actor.organisationId,
    });
    await appendToOutbox(tx, [
      placementEvent(
        placementProposedV1,
        placement,
        { placementKind: slot.kind },
        actor,
        deps.now(),
      ),
    ]);
    return placementView(placement);
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw problem.conflict('the participant is already proposed for this slot', {
        code: 'placement-exists',
      });
    throw error;
  }
}

const notAllowed = (placement: Placement, what: string) =>
  problem.conflict(`the placement is ${placement.status}: it cannot ${what}`, {
    code: 'placement-not-open',
    placementStatus: placement.status,
  });

/** Runs a change to a placement under its slot's lock, after checking who may make it. */
async function changePlacement(
  deps: EmployerDeps,
  actor: Actor,
  placementId: string,
  change: (
    tx: PoolClient,
    placement: Placement,
    seats: { capacity: number; held: number; kind: PlacementKind },
  ) => Promise<Placement>,
) {
  return withTransaction(deps.pool, async (tx) => {
    const before = await getPlacement(tx, placementId);
    assertMayActOn(before, actor);
    const seats = await lockSlot(tx, before.slotId);
    if (!seats) throw problem.notFound('no such placement');
    const placement = await getPlacement(tx, placementId);
    return placementView(await change(tx, placement!, seats));
  });
}

/** The employer confirms a proposed placement while the slot has a free place. */
export async function confirmPlacement(deps: EmployerDeps, actor: Actor, placementId: string) {
  return changePlacement(deps, actor, placementId, async (tx, placement, seats) => {
    assertEmployerOf(placement.employerOrganisationId, actor);
    if (placement.status !== 'proposed') throw notAllowed(placement, 'be confirmed');
    if (seats.held >= seats.capacity)
      throw problem.conflict('every place on this slot is taken', { code: 'slot-full' });
    await appendToOutbox(tx, [
      placementEvent(
        placementConfirmedV1,
        placement,
        { placementKind: seats.kind },
        actor,
        deps.now(),
      ),
    ]);
    return setPlacementStatus(tx, placement.id, 'confirmed');
  });
}

/** The employer declines a proposed placement, with a reason code. */
export async function declinePlacement(
  deps: EmployerDeps,
  actor: Actor,
  placementId: string,
  reasonCode: PlacementDeclineReason,
) {
  return changePlacement(deps, actor, placementId, async (tx, placement) => {
    assertEmployerOf(placement.employerOrganisationId, actor);
    if (placement.status !== 'proposed') throw notAllowed(placement, 'be declined');
    await appendToOutbox(tx, [
      placementEvent(placementDeclinedV1, placement, { reasonCode }, actor, deps.now()),
    ]);
    return setPlacementStatus(tx, placement.id, 'declined', reasonCode);
  });
}

const moves: Record<'start' | 'complete' | 'end-early', [PlacementStatus, PlacementStatus]> = {
  start: ['confirmed', 'started'],
  complete: ['started', 'completed'],
  'end-early': ['started', 'ended-early'],
};

/** The employer records that a confirmed placement started, or that a started one ended. */
export async function movePlacement(
  deps: EmployerDeps,
  actor: Actor,
  placementId: string,
  move: keyof typeof moves,
  reasonCode?: EarlyEndReason,
) {
  const [from, to] = moves[move];
  return changePlacement(deps, actor, placementId, async (tx, placement, seats) => {
    assertEmployerOf(placement.employerOrganisationId, actor);
    if (placement.status !== from) throw notAllowed(placement, move);
    const now = deps.now();
    const event =
      move === 'start'
        ? placementEvent(placementStartedV1, placement, {}, actor, now)
        : move === 'complete'
          ? placementEvent(
              placementCompletedV1,
              placement,
              { placementKind: seats.kind },
              actor,
              now,
            )
          : placementEvent(
              placementEndedEarlyV1,
              placement,
              { reasonCode: reasonCode ?? 'other' },
              actor,
              now,
            );
    await appendToOutbox(tx, [event]);
    return setPlacementStatus(tx, placement.id, to, reasonCode ?? null);
  });
}
