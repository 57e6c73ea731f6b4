import { z } from 'zod';
import {
  agendaForChangeBandSchema,
  entryLevelRoleSchema,
  placementKindSchema,
  placementStatusSchema,
} from '@ladder/vocabulary/schemas';
import type {
  AgendaForChangeBand,
  EntryLevelRole,
  PlacementKind,
  PlacementStatus,
} from '@ladder/vocabulary';
import { callService, type ServiceAnswer, type ServiceEndpoint } from './service-call.js';

/** Where an opportunity is. */
export interface SiteOf {
  site: { name: string; postcodeArea: string };
}

/** A placement slot still open, which staff may propose a participant for. */
export interface SlotChoice extends SiteOf {
  id: string;
  kind: PlacementKind;
  roleArea: EntryLevelRole;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
}

/** A vacancy still open, which a participant may apply for. */
export interface VacancyChoice extends SiteOf {
  id: string;
  role: EntryLevelRole;
  band: AgendaForChangeBand;
  hoursPerWeek: number;
  closesOn: string;
}

export interface PlacementProposed {
  placementId: string;
  status: PlacementStatus;
}

export interface EmployerApi {
  /** Every employer's placement slots still open, as the operator sees them. */
  openSlots(operatorOrganisationId: string): Promise<ServiceAnswer<SlotChoice[]>>;
  /** Every employer's vacancies still open, as the operator sees them. */
  openVacancies(operatorOrganisationId: string): Promise<ServiceAnswer<VacancyChoice[]>>;
  /** Proposes a participant for a slot, as their programme's operator. */
  proposePlacement(
    operatorOrganisationId: string,
    slotId: string,
    ask: { participantId: string; programmeId: string },
    idempotencyKey: string,
  ): Promise<ServiceAnswer<PlacementProposed>>;
}

const site = z.object({ name: z.string(), postcodeArea: z.string() });
const slots = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: placementKindSchema,
      roleArea: entryLevelRoleSchema,
      startsOn: z.string(),
      endsOn: z.string(),
      hoursPerWeek: z.number().int(),
      site,
    }),
  ),
});
const vacancies = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      role: entryLevelRoleSchema,
      band: agendaForChangeBandSchema,
      hoursPerWeek: z.number().int(),
      closesOn: z.string(),
      site,
    }),
  ),
});
const placement = z.object({ id: z.uuid(), status: placementStatusSchema });

/** The employer service's API as ops uses it (see services/employer/README.md). */
export function employerApi(endpoint: Omit<ServiceEndpoint, 'name'>): EmployerApi {
  const service = { ...endpoint, name: 'the employer service' };
  const list = <T>(
    operatorOrganisationId: string,
    path: string,
    schema: z.ZodType<{ items: T[] }>,
  ) =>
    callService(service, { method: 'GET', path, as: operatorOrganisationId }, schema).then(
      (answer): ServiceAnswer<T[]> => (answer.ok ? { ok: true, body: answer.body.items } : answer),
    );
  return {
    openSlots: (operatorOrganisationId) =>
      list(operatorOrganisationId, '/v1/placement-slots?limit=200', slots),
    openVacancies: (operatorOrganisationId) =>
      list(operatorOrganisationId, '/v1/vacancies?limit=200', vacancies),
    async proposePlacement(operatorOrganisationId, slotId, ask, idempotencyKey) {
      const answer = await callService(
        service,
        {
          method: 'POST',
          path: `/v1/placement-slots/${encodeURIComponent(slotId)}/placements`,
          as: operatorOrganisationId,
          body: ask,
          idempotencyKey,
        },
        placement,
      );
      return answer.ok
        ? { ok: true, body: { placementId: answer.body.id, status: answer.body.status } }
        : answer;
    },
  };
}
