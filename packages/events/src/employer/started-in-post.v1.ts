import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const startedInPostV1 = defineEvent({
  type: 'StartedInPost',
  version: 1,
  topic: topics.employers,
  description: 'The employer confirmed the participant started in post: the hired outcome.',
  data: offerData.extend({ startedOn: z.iso.date() }),
});
