import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, routes } from '@ladder/http';
import type { ReferralDeps } from '../../use-cases/deps.js';
import { eraseParticipant } from '../../use-cases/erase-participant.js';
import { requestContext } from '../request-context.js';

/**
 * Erasure (UK GDPR right to erasure): the operator of a programme the participant is in deletes
 * their data key, which makes every encrypted copy of their personal data unreadable at once.
 * Ids and codes remain, so outcome figures still add up.
 */
export const participantRoutes = routes<ReferralDeps>(
  { name: 'participant-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    app.post(
      '/v1/participants/:id/erase',
      {
        preHandler: requireScope(scopes.participantsErase),
        schema: {
          summary: "Erase a participant's personal data (crypto-shredding)",
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), 404: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const caller = requestContext(request);
        const erased = await eraseParticipant(deps, {
          participantId: request.params.id,
          operatorOrganisationId: caller.organisationId,
          correlationId: caller.correlationId,
        });
        if (!erased) throw problem.notFound('no such participant in your programmes');
        deps.logger.info(
          { participantId: request.params.id, by: caller.organisationId },
          'participant erased',
        );
        return reply.code(204).send(null);
      },
    );
  },
);
