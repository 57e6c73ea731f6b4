import { z } from 'zod';
import { problem, routes } from '@ladder/http';
import type { TopicDefinition } from '@ladder/events';
import { listDeadLetters, replayDeadLetters, type Kafka } from '@ladder/kafka';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import { checkCsrf } from '../../staff/staff-session.plugin.js';
import { requireViewer, viewerOf } from '../viewer.js';
import { requireStaff } from './page-helpers.js';

export interface DeadLetterDeps extends OpsDeps {
  kafka: Kafka;
  /** The topics whose consumers' dead letters are shown (each topic's `.dlq`). */
  topics: readonly TopicDefinition[];
}

/**
 * Dead letters of every consumer of the system's topics, for admins: their headers and reason
 * (never the payload), and replay of one or all. Each replay is in the audit log.
 */
export const deadLetterRoutes = routes(
  { name: 'ops-dead-letters', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: DeadLetterDeps) => {
    const dlqs = new Set(deps.topics.map((t) => t.deadLetterTopic));

    app.get(
      '/dead-letters',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('dead-letters'),
        schema: { hide: true },
      },
      async (request, reply) => {
        const groups = await Promise.all(
          deps.topics.map(async (t) => ({
            topic: t.deadLetterTopic,
            letters: (await listDeadLetters(deps.kafka, t.deadLetterTopic)).map((l) => ({
              offset: l.offset,
              eventId: l.eventId,
              eventType: l.eventType,
              reason: l.reason,
              error: l.error,
              attempts: l.attempts,
              consumerGroup: l.consumerGroup,
              originalTopic: l.originalTopic,
              failedAt: l.failedAt,
              replayed: l.replayed,
            })),
          })),
        );
        return reply.view('dead-letters.njk', {
          title: 'Dead letters',
          nav: 'dead-letters',
          staff: request.staff,
          groups,
        });
      },
    );

    app.post(
      '/dead-letters/replay',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('dead-letters'),
        schema: {
          hide: true,
          body: z.object({
            _csrf: z.string().optional(),
            topic: z.string().max(300),
            offset: z
              .string()
              .regex(/^\d{1,19}$/)
              .optional(),
          }),
        },
      },
      async (request, reply) => {
        checkCsrf(request, request.body._csrf);
        const { topic, offset } = request.body;
        if (!dlqs.has(topic))
          throw problem.badRequest('no such dead-letter topic', { field: 'topic' });
        const replayed = await replayDeadLetters(deps.kafka, topic, offset ? [offset] : undefined);
        const viewer = viewerOf(request);
        await recordAudit(deps.pool, {
          operatorOrganisationId: viewer.operatorOrganisationId,
          actor: viewer.actor,
          action: 'dead-letters-replayed',
          subject: `${topic} ${offset ?? 'all'}`,
          detail: { replayed: replayed.length },
        });
        return reply.redirect('/dead-letters', 303);
      },
    );
  },
);
