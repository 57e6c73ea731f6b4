import { z } from 'zod';
import { calendarDay, freeText } from '@ladder/http';
import {
  agendaForChangeBandSchema,
  earlyEndReasonSchema,
  entryLevelRoleSchema,
  placementDeclineReasonSchema,
  placementKindSchema,
} from '@ladder/vocabulary/schemas';
import { placementStatuses } from '../db/placements.repository.js';

export const idParams = z.object({ id: z.uuid() });

/** Where a site is: a postcode area or district, never a full postcode. */
const postcodeArea = z
  .string()
  .regex(/^[A-Z]{1,2}[0-9]{0,2}[A-Z]?$/, 'a postcode area or district such as LU or MK9');

export const siteBody = z.object({ name: freeText({ min: 1, max: 200 }), postcodeArea });
export const siteSchema = siteBody.extend({
  id: z.uuid(),
  employerOrganisationId: z.string(),
  createdAt: z.string(),
  links: z.object({ self: z.string() }),
});

export const slotBody = z
  .object({
    siteId: z.uuid(),
    kind: placementKindSchema,
    roleArea: entryLevelRoleSchema,
    startsOn: calendarDay(),
    endsOn: calendarDay(),
    hoursPerWeek: z.number().int().min(1).max(48),
    capacity: z.number().int().min(1).max(1000),
  })
  .refine((s) => s.endsOn >= s.startsOn, {
    message: 'endsOn must not be before startsOn',
    path: ['endsOn'],
  });
export const slotSchema = z.object({
  id: z.uuid(),
  employerOrganisationId: z.string(),
  siteId: z.uuid(),
  kind: placementKindSchema,
  roleArea: entryLevelRoleSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  hoursPerWeek: z.number().int(),
  capacity: z.number().int(),
  createdAt: z.string(),
  links: z.object({ self: z.string() }),
});

/** Where an opportunity is, beside it in a list. */
const listedSite = z.object({ site: z.object({ name: z.string(), postcodeArea: z.string() }) });
export const listedSlotSchema = slotSchema.extend(listedSite.shape);

/**
 * A list of opportunities: an employer's own, or for a programme operator every employer's still
 * open today (to propose participants for them).
 */
export const opportunityListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const proposeBody = z.object({
  participantId: z.uuid(),
  programmeId: z.string().min(1).max(200),
});
export const declineBody = z.object({ reasonCode: placementDeclineReasonSchema });
export const endEarlyBody = z.object({ reasonCode: earlyEndReasonSchema });

export const placementSchema = z.object({
  id: z.uuid(),
  slotId: z.uuid(),
  employerOrganisationId: z.string(),
  participantId: z.uuid(),
  programmeId: z.string(),
  operatorOrganisationId: z.string(),
  status: z.enum(placementStatuses),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), slot: z.string() }),
});

export const vacancyBody = z.object({
  siteId: z.uuid(),
  role: entryLevelRoleSchema,
  band: agendaForChangeBandSchema,
  hoursPerWeek: z.number().int().min(1).max(48),
  posts: z.number().int().min(1).max(1000),
  closesOn: calendarDay(),
});
export const vacancySchema = vacancyBody.extend({
  id: z.uuid(),
  employerOrganisationId: z.string(),
  closesOn: z.string(),
  createdAt: z.string(),
  links: z.object({ self: z.string() }),
});
export const listedVacancySchema = vacancySchema.extend(listedSite.shape);
