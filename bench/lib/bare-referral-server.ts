/**
 * The baseline for the referral API benchmark: a bare Fastify route that inserts the same row
 * with pg, with none of the API's work (auth, validation, idempotency, eligibility, encryption,
 * duplicate check, outbox). Env: DATABASE_URL, PORT.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query(`create table if not exists bare_referrals (
  id uuid primary key, participant_id uuid not null, referrer_organisation_id text not null, programme_id text not null,
  person_match_key text not null, personal_data bytea not null, consent jsonb not null, status text not null,
  created_at timestamptz not null default now())`);
const app = Fastify();
app.post('/v1/referrals', async (request, reply) => {
  const body = request.body as {
    programmeId: string;
    consent: unknown;
    person: { familyName: string };
  };
  const id = randomUUID();
  await pool.query(
    'insert into bare_referrals (id, participant_id, referrer_organisation_id, programme_id, person_match_key, personal_data, consent, status) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      id,
      randomUUID(),
      'org',
      body.programmeId,
      body.person.familyName,
      randomBytes(600),
      JSON.stringify(body.consent),
      'accepted',
    ],
  );
  return reply.code(201).send({ id });
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
