import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const startDateAgreedV1 = defineEvent({
  type: 'StartDateAgreed',
  version: 1,
  topic: topics.employers,
  description: 'The employer and the participant agreed the first day in post.',
  data: offerData.extend({ startsOn: z.iso.date() }),
});
