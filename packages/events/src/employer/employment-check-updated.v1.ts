import { z } from 'zod';
import {
  checkOwnerSchema,
  checkStatusSchema,
  preEmploymentCheckSchema,
  thirdPartySchema,
} from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { offerData } from './offer.js';

const calendarDay = z.iso.date();

export const employmentCheckUpdatedV1 = defineEvent({
  type: 'EmploymentCheckUpdated',
  version: 1,
  topic: topics.employers,
  description:
    'One of the six pre-employment checks moved: its status, who holds the next action and when it is due. Dates evidence was seen, never the evidence.',
  data: offerData.extend({
    check: preEmploymentCheckSchema,
    status: checkStatusSchema,
    /** Who holds the next action; null once the check is cleared or failed. */
    owner: checkOwnerSchema.nullable(),
    /** The kind of third party when the owner is one (never a person's name). */
    thirdParty: thirdPartySchema.nullable(),
    /** When the next action is due; null once decided. */
    dueOn: calendarDay.nullable(),
    /** The days on which the employer saw evidence for this check (not the evidence itself). */
    evidenceSeenOn: z.array(calendarDay),
  }),
});
