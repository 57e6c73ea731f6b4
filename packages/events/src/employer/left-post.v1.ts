import { z } from 'zod';
import { earlyEndReasonSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const leftPostV1 = defineEvent({
  type: 'LeftPost',
  version: 1,
  topic: topics.employers,
  description: 'The person left the post (date and reason): the job did not last to 26 weeks.',
  data: offerData.extend({ leftOn: z.iso.date(), reasonCode: earlyEndReasonSchema }),
});
