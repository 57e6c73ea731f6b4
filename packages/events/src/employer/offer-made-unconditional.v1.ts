import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerMadeUnconditionalV1 = defineEvent({
  type: 'OfferMadeUnconditional',
  version: 1,
  topic: topics.employers,
  description: 'All six pre-employment checks were cleared: the offer is unconditional.',
  data: offerData,
});
