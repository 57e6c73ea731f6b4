import { z } from 'zod';
import { agendaForChangeBandSchema, entryLevelRoleSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerMadeV1 = defineEvent({
  type: 'OfferMade',
  version: 1,
  topic: topics.employers,
  description:
    'The employer made a conditional offer (role, band, site, hours), to be answered by a deadline.',
  data: offerData.extend({
    role: entryLevelRoleSchema,
    band: agendaForChangeBandSchema,
    siteId: z.uuid(),
    hoursPerWeek: z.number().positive(),
    /** The interview it follows, if there was one. */
    interviewId: z.uuid().nullable(),
    /** When the offer expires unanswered (the programme's offer-response deadline). */
    respondBy: z.iso.datetime({ offset: true }),
  }),
});
