import { z } from 'zod';
import { sustainmentWeeksSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const sustainmentDueV1 = defineEvent({
  type: 'SustainmentDue',
  version: 1,
  topic: topics.employers,
  description:
    'A sustainment mark (13 or 26 weeks in post) was reached: the employer is asked to confirm the person is still in post, by a due time.',
  data: offerData.extend({
    weeks: sustainmentWeeksSchema,
    /** When the employer's answer is due (the programme's sustainment response days). */
    answerDueAt: z.iso.datetime({ offset: true }),
  }),
});
