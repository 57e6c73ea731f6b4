/**
 * The baselines for the training benchmark: bare Fastify routes with none of the service's work
 * (auth, validation, idempotency, access checks, seat counting, events), served the way the
 * service is (its own process, a pool of 20), to show what this machine can do with a burst:
 *
 * - `POST /v1/intakes/:id/places` inserts one row, like a place, with one pg query;
 * - `POST /v1/answer/:id` answers at once, without a database: the HTTP floor of the burst.
 *
 * Env: DATABASE_URL, PORT.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { serveBare } from './bare-server.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query(`create table if not exists bare_places (
  id uuid primary key, intake_id uuid not null, participant_id uuid not null, programme_id text not null,
  status text not null, created_at timestamptz not null default now())`);

interface Body {
  participantId: string;
  programmeId: string;
}

const app = Fastify();
app.post<{ Params: { id: string }; Body: Body }>(
  '/v1/intakes/:id/places',
  async (request, reply) => {
    const id = randomUUID();
    const { rows } = await pool.query<{ created_at: Date }>(
      `insert into bare_places (id, intake_id, participant_id, programme_id, status)
       values ($1, $2, $3, $4, 'enrolled') returning created_at`,
      [id, request.params.id, request.body.participantId, request.body.programmeId],
    );
    return reply.code(201).send({
      id,
      intakeId: request.params.id,
      status: 'enrolled',
      createdAt: rows[0]!.created_at.toISOString(),
    });
  },
);
app.post<{ Params: { id: string }; Body: Body }>('/v1/answer/:id', async (request, reply) =>
  reply.code(201).send({ id: randomUUID(), intakeId: request.params.id, status: 'enrolled' }),
);

await serveBare(app, pool);
