import { sustainmentWeeksSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const sustainmentConfirmedV1 = defineEvent({
  type: 'SustainmentConfirmed',
  version: 1,
  topic: topics.employers,
  description: 'The employer confirmed the person was still in post at the 13- or 26-week mark.',
  data: offerData.extend({ weeks: sustainmentWeeksSchema }),
});
