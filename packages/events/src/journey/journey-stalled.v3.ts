import { deadlineNameSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';
import { journeyStalledV2 } from './journey-stalled.v2.js';

/**
 * v3: the deadline may also be `sustainment-confirmation`, the employer's answer to a 13- or
 * 26-week sustainment mark, which the journey chases and escalates like the others. Its set is
 * the one it was published with: `work-experience-follow-up` is never chased (when it passes the
 * journey records an outcome instead), so it never stalls a journey.
 */
export const journeyStalledV3 = defineEvent({
  type: 'JourneyStalled',
  version: 3,
  topic: topics.journeys,
  description: journeyStalledV2.description,
  data: journeyStalledV2.data.extend({
    deadline: deadlineNameSchema.exclude(['work-experience-follow-up']),
  }),
});
