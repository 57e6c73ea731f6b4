import { z } from 'zod';
import { routes } from '@ladder/http';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { JourneyView } from '../../domain/journey-view.js';
import { renderParticipantPage, type Revealed } from './participant-page.js';
import { formJourney, staffActionHooks, staffActorOf } from './staff-action.js';

/**
 * The participant's consented view, asked for now on behalf of the staff member's operator (the
 * purpose: delivering the programme): the person, or why not. A referral service that fails or
 * does not answer reveals nothing.
 */
async function reveal(
  deps: OpsDeps,
  journey: JourneyView,
  operatorOrganisationId: string,
): Promise<Revealed> {
  try {
    const view = await deps.participantViews.view(journey.participantId, {
      purpose: 'programme-delivery',
      recipient: 'programme-operator',
      onBehalfOf: operatorOrganisationId,
    });
    if (!view) return { released: false, reason: 'unknown-participant' };
    return view.released
      ? { released: true, person: view.person }
      : { released: false, reason: view.reason };
  } catch (error) {
    // The client's errors name a status or a timeout, never the person.
    deps.logger.warn(
      { err: error, referralId: journey.referralId },
      'the participant view did not answer',
    );
    return { released: false, reason: 'unavailable' };
  }
}

/**
 * "Show personal details": the participant's consented view on this response only (never stored,
 * never in a URL, not cached), each ask recorded in the audit log first: who, when, which
 * journey, and whether the person was shown or why not.
 */
export const personalDetailsRoutes = routes(
  { name: 'ops-personal-details', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    app.post(
      '/journeys/:id/personal-details',
      {
        ...staffActionHooks,
        schema: {
          hide: true,
          params: z.object({ id: z.uuid() }),
          body: z.object({ _csrf: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const journey = await formJourney(deps, request, reply, {
          referralId: request.params.id,
          csrf: request.body._csrf,
        });
        if (!journey) return reply;
        const actor = staffActorOf(request);
        const revealed = await reveal(deps, journey, actor.operatorOrganisationId);
        await recordAudit(deps.pool, {
          operatorOrganisationId: actor.operatorOrganisationId,
          actor: actor.actor,
          action: 'personal-details-revealed',
          subject: journey.referralId,
          detail: revealed.released
            ? { result: 'released' }
            : { result: 'not-released', reason: revealed.reason },
        });
        return renderParticipantPage(
          deps,
          request,
          reply.header('cache-control', 'no-store'),
          journey,
          { revealed },
        );
      },
    );
  },
);
