import { z } from 'zod';
import { callService, type ServiceAnswer, type ServiceEndpoint } from './service-call.js';

/** An intake staff may ask a place on, as the training service's public catalogue lists it. */
export interface IntakeChoice {
  intakeId: string;
  course: string;
  provider: string;
  postcodeArea: string;
  startsOn: string;
  endsOn: string;
}

/** What became of a request for a place: `enrolled`, `offered` or `waitlisted` (with position). */
export interface PlaceRequested {
  placeId: string;
  status: string;
  waitlistPosition: number | null;
}

export interface TrainingApi {
  /** Intakes that start on `today` or later, soonest first (the catalogue, no key needed). */
  intakes(today: string): Promise<ServiceAnswer<IntakeChoice[]>>;
  /** Asks for a place on an intake for a participant, as their programme's operator. */
  requestPlace(
    operatorOrganisationId: string,
    intakeId: string,
    ask: { participantId: string; programmeId: string },
    idempotencyKey: string,
  ): Promise<ServiceAnswer<PlaceRequested>>;
}

/** The Open Referral UK page of the catalogue, read for its intakes only. */
const cataloguePage = z.object({
  last: z.boolean(),
  content: z.array(
    z.object({
      name: z.string(),
      organization: z.object({ name: z.string() }),
      service_at_locations: z.array(
        z.object({
          location: z.object({
            physical_addresses: z.array(z.object({ postal_code: z.string() })),
          }),
        }),
      ),
      regular_schedules: z.array(
        z.object({ id: z.uuid(), valid_from: z.string(), valid_to: z.string() }),
      ),
    }),
  ),
});

const place = z.object({
  id: z.uuid(),
  status: z.string(),
  waitlistPosition: z.number().int().nullable(),
});

/** The catalogue is paged; a programme's few providers fit in these many pages of 200. */
const cataloguePages = 5;

/** The training service's API as ops uses it (see services/training/README.md). */
export function trainingApi(endpoint: Omit<ServiceEndpoint, 'name'>): TrainingApi {
  const service = { ...endpoint, name: 'the training service' };
  return {
    async intakes(today) {
      const choices: IntakeChoice[] = [];
      for (let page = 1; page <= cataloguePages; page += 1) {
        const answer = await callService(
          service,
          { method: 'GET', path: `/open-data/v1/services?per_page=200&page=${page}` },
          cataloguePage,
        );
        if (!answer.ok) return answer;
        for (const course of answer.body.content)
          for (const intake of course.regular_schedules)
            if (intake.valid_from >= today)
              choices.push({
                intakeId: intake.id,
                course: course.name,
                provider: course.organization.name,
                postcodeArea:
                  course.service_at_locations[0]?.location.physical_addresses[0]?.postal_code ?? '',
                startsOn: intake.valid_from,
                endsOn: intake.valid_to,
              });
        if (answer.body.last) break;
      }
      choices.sort(
        (a, b) => a.startsOn.localeCompare(b.startsOn) || a.intakeId.localeCompare(b.intakeId),
      );
      return { ok: true, body: choices };
    },
    async requestPlace(operatorOrganisationId, intakeId, ask, idempotencyKey) {
      const answer = await callService(
        service,
        {
          method: 'POST',
          path: `/v1/intakes/${encodeURIComponent(intakeId)}/places`,
          as: operatorOrganisationId,
          body: ask,
          idempotencyKey,
        },
        place,
      );
      return answer.ok
        ? {
            ok: true,
            body: {
              placeId: answer.body.id,
              status: answer.body.status,
              waitlistPosition: answer.body.waitlistPosition,
            },
          }
        : answer;
    },
  };
}
