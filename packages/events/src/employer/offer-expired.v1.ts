import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerExpiredV1 = defineEvent({
  type: 'OfferExpired',
  version: 1,
  topic: topics.employers,
  description: 'The offer was not answered by its deadline: back to employability support.',
  data: offerData.extend({ respondBy: z.iso.datetime({ offset: true }) }),
});
