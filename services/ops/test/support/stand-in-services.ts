import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  participantViewQuerySchema,
  type ParticipantView,
  type ReleasedPerson,
} from '@ladder/participant-view';

/**
 * Stand-ins for the referral, training and employer services' APIs, answering as their READMEs
 * and OpenAPI documents say (the shapes ops reads), on one port of 127.0.0.1. They judge callers
 * as the real ones do (the view key; an operator's key; the operator of the participant's
 * programme) and keep what they were asked, so tests see what ops sent. The real services are
 * driven end to end in `staff-actions.e2e.test.ts`.
 */
export interface StandInServices {
  url: string;
  /** The key ops uses at the referral service, and the operators' keys. */
  viewKey: string;
  operatorKeys: Record<string, string>;
  /** A participant the referral service knows: their programme's operator and their view. */
  person(
    participantId: string,
    operatorOrganisationId: string,
    view: { released: true; person: ReleasedPerson } | { released: false; reason: string },
  ): void;
  /** Answer the next participant view with a failure. */
  failNextView(): void;
  /** Intakes in the catalogue and slots at the employer; `refuse` answers a request with it. */
  intake(i: { id: string; course: string; startsOn: string; refuse?: Refusal }): void;
  slot(s: { id: string; startsOn: string; refuse?: Refusal }): void;
  vacancy(v: { id: string; closesOn: string }): void;
  /** Participants in each operator's programmes, as training and employers hear of them. */
  enrol(participantId: string, programmeId: string, operatorOrganisationId: string): void;
  /** Every request with its Idempotency-Key, and what was created (once per key). */
  viewsAsked: { participantId: string; query: Record<string, string> }[];
  created: { path: string; idempotencyKey: string; body: unknown }[];
  close(): Promise<void>;
}

interface Refusal {
  status: number;
  detail: string;
}

const problem = (reply: FastifyReply, status: number, detail: string) =>
  reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'https://ladder.invalid/problems/stand-in', title: 'Refused', status, detail });

export async function startStandInServices(): Promise<StandInServices> {
  const viewKey = `view-${randomUUID()}`;
  const operatorKeys: Record<string, string> = {
    'org-blmk-academy': `blmk-${randomUUID()}`,
    'org-northants-icb': `northants-${randomUUID()}`,
  };
  const operatorOf = (request: FastifyRequest) =>
    Object.entries(operatorKeys).find(
      ([, key]) => request.headers.authorization === `Bearer ${key}`,
    )?.[0];
  const people = new Map<string, { operator: string; view: ParticipantView }>();
  const programmes = new Map<string, { programmeId: string; operator: string }>();
  const intakes: { id: string; course: string; startsOn: string; refuse?: Refusal }[] = [];
  const slots: { id: string; startsOn: string; refuse?: Refusal }[] = [];
  const vacancies: { id: string; closesOn: string }[] = [];
  const answered = new Map<string, { status: number; body: unknown }>();
  let failView = false;
  const state = {
    viewsAsked: [] as StandInServices['viewsAsked'],
    created: [] as StandInServices['created'],
  };

  const app = Fastify();
  app.get<{ Params: { participantId: string }; Querystring: Record<string, string> }>(
    '/internal/v1/participants/:participantId/view',
    async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${viewKey}`)
        return problem(reply, 403, 'participants:view needed');
      const query = participantViewQuerySchema.safeParse(request.query);
      if (!query.success) return problem(reply, 400, 'querystring');
      state.viewsAsked.push({ participantId: request.params.participantId, query: request.query });
      if (failView) {
        failView = false;
        return problem(reply, 500, 'internal');
      }
      const known = people.get(request.params.participantId);
      // As the referral service: another operator's participant does not exist for it.
      if (!known || known.operator !== query.data.onBehalfOf)
        return problem(reply, 404, 'no such participant');
      return reply.header('cache-control', 'no-store').send(known.view);
    },
  );
  app.get('/open-data/v1/services', () => ({
    totalElements: intakes.length,
    totalPages: 1,
    number: 1,
    size: 200,
    first: true,
    last: true,
    empty: intakes.length === 0,
    content: intakes.map((i) => ({
      id: randomUUID(),
      name: i.course,
      organization: { id: 'org-luton-college', name: 'Luton Adult Learning' },
      service_at_locations: [{ location: { physical_addresses: [{ postal_code: 'LU' }] } }],
      regular_schedules: [{ id: i.id, valid_from: i.startsOn, valid_to: i.startsOn }],
    })),
  }));

  /** A creating POST as the real services answer it: once per key, for the programme's operator. */
  const creating =
    (
      find: (id: string) => { refuse?: Refusal } | undefined,
      made: (body: { participantId: string }) => Record<string, unknown>,
    ) =>
    async (
      request: FastifyRequest<{
        Params: { id: string };
        Body: { participantId: string; programmeId: string };
      }>,
      reply: FastifyReply,
    ) => {
      const operator = operatorOf(request);
      if (!operator) return problem(reply, 401, 'credentials');
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[A-Za-z0-9._:-]{8,200}$/.test(key))
        return problem(reply, 400, 'the Idempotency-Key header is required');
      const replay = answered.get(`${operator}:${key}`);
      if (replay) return reply.code(replay.status === 201 ? 200 : replay.status).send(replay.body);
      const target = find(request.params.id);
      if (!target) return problem(reply, 404, 'no such opportunity');
      const programme = programmes.get(request.body.participantId);
      if (programme?.operator !== operator || programme.programmeId !== request.body.programmeId)
        return problem(reply, 403, 'only the operator of the participant’s programme may ask');
      if (target.refuse) return problem(reply, target.refuse.status, target.refuse.detail);
      const body = { id: randomUUID(), ...made(request.body) };
      answered.set(`${operator}:${key}`, { status: 201, body });
      state.created.push({ path: request.url, idempotencyKey: key, body: request.body });
      return reply.code(201).send(body);
    };
  app.post(
    '/v1/intakes/:id/places',
    creating(
      (id) => intakes.find((i) => i.id === id),
      () => ({ status: 'waitlisted', waitlistPosition: 2 }),
    ),
  );
  app.post(
    '/v1/placement-slots/:id/placements',
    creating(
      (id) => slots.find((s) => s.id === id),
      () => ({ status: 'proposed' }),
    ),
  );
  const site = { name: 'Luton and Dunstable University Hospital', postcodeArea: 'LU4' };
  app.get('/v1/placement-slots', async (request, reply) => {
    if (!operatorOf(request)) return problem(reply, 401, 'credentials');
    return {
      items: slots.map((s) => ({
        id: s.id,
        kind: 'work-experience',
        roleArea: 'healthcare-support-worker',
        startsOn: s.startsOn,
        endsOn: s.startsOn,
        hoursPerWeek: 20,
        site,
      })),
    };
  });
  app.get('/v1/vacancies', async (request, reply) => {
    if (!operatorOf(request)) return problem(reply, 401, 'credentials');
    return {
      items: vacancies.map((v) => ({
        id: v.id,
        role: 'healthcare-support-worker',
        band: 'band-2',
        hoursPerWeek: 37,
        closesOn: v.closesOn,
        site,
      })),
    };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    viewKey,
    operatorKeys,
    ...state,
    person(participantId, operator, view) {
      people.set(participantId, {
        operator,
        view: view.released
          ? { participantId, released: true, person: view.person }
          : { participantId, released: false, reason: view.reason as 'no-consent' },
      });
    },
    failNextView() {
      failView = true;
    },
    intake: (i) => void intakes.push(i),
    slot: (s) => void slots.push(s),
    vacancy: (v) => void vacancies.push(v),
    enrol(participantId, programmeId, operator) {
      programmes.set(participantId, { programmeId, operator });
    },
    close: () => app.close(),
  };
}
