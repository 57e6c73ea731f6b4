import { offerEndReasonSchema, preEmploymentCheckSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerWithdrawnV1 = defineEvent({
  type: 'OfferWithdrawn',
  version: 1,
  topic: topics.employers,
  description:
    'The employer withdrew the offer (a failed check names it): back to employability support.',
  data: offerData.extend({
    reasonCode: offerEndReasonSchema,
    /** The failed check, when that is the reason. */
    check: preEmploymentCheckSchema.nullable(),
  }),
});
