import { offerAnswerRecorderSchema, offerEndReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerDeclinedV1 = defineEvent({
  type: 'OfferDeclined',
  version: 1,
  topic: topics.employers,
  description: 'The participant declined the offer: back to employability support.',
  data: offerData.extend({
    recordedBy: offerAnswerRecorderSchema,
    reasonCode: offerEndReasonSchema,
  }),
});
