import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, routes } from '@ladder/http';
import { participantViewQuerySchema, participantViewSchema } from '@ladder/participant-view';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { viewParticipant } from '../../use-cases/participant-view.js';
import { callerOf } from '../request-context.js';

/**
 * The consented view of a participant, for the services acting for training providers and
 * employers (see @ladder/participant-view). Consent changes are recorded through consent.routes.ts.
 */
export const participantViewRoutes = routes<ReferralDeps>(
  { name: 'participant-view-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    app.get(
      '/internal/v1/participants/:participantId/view',
      {
        preHandler: requireScope(scopes.participantsView),
        schema: {
          summary: "A participant's consented view, for a recipient and purpose (services only)",
          description:
            'Releases the name, contact preference and reasonable adjustments only when the consent ' +
            "on the participant's latest referral covers the purpose and the recipient, is not " +
            'expired or withdrawn, and the participant is not erased; otherwise says why not. ' +
            'Every answer is recorded. The caller must not store what it gets. For the recipient ' +
            '`programme-operator`, `onBehalfOf` must run a programme the participant was referred ' +
            'to: for any other operator the participant is not found (404).',
          params: z.object({ participantId: z.uuid() }),
          querystring: participantViewQuerySchema,
          response: { 200: participantViewSchema, 404: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const view = await viewParticipant(deps, request.params.participantId, {
          ...request.query,
          callerOrganisationId: callerOf(request).organisationId,
        });
        if (!view) throw problem.notFound('no such participant');
        return reply.header('cache-control', 'no-store').send(view);
      },
    );
  },
);
