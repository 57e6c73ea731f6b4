import { offerAnswerRecorderSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

export const offerAcceptedV1 = defineEvent({
  type: 'OfferAccepted',
  version: 1,
  topic: topics.employers,
  description:
    'The participant accepted the conditional offer; the six pre-employment checks start.',
  data: offerData.extend({ recordedBy: offerAnswerRecorderSchema }),
});
