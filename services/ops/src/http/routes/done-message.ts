import { z } from 'zod';
import { label } from './page-helpers.js';

/** The actions a participant's page can say were just done, and who did them. */
const doneBy = {
  withdraw: 'the journey',
  'extend-deadline': 'the journey',
  'assign-mentor': 'the journey',
  'record-outcome': 'the journey',
  'record-milestone': 'the journey',
  'request-training-place': 'the training service',
  'propose-placement': 'the employer service',
} as const;
export type DoneAction = keyof typeof doneBy;

/** The query after an action's redirect: which action, and a code of what it came to. */
export const doneQuery = z.object({
  done: z.enum(Object.keys(doneBy) as [DoneAction, ...DoneAction[]]).optional(),
  result: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional(),
});

/** The sentence the page shows once after an action, or undefined when none was done. */
export function doneMessage(query: z.infer<typeof doneQuery>): string | undefined {
  if (!query.done) return undefined;
  if (query.done === 'record-milestone' && query.result)
    return `Recorded: ${label(query.result).toLowerCase()}. Accepted by the journey.`;
  const what = label(query.done);
  return query.result
    ? `Done: ${what} (${label(query.result).toLowerCase()}). Accepted by ${doneBy[query.done]}.`
    : `Done: ${what}. Accepted by ${doneBy[query.done]}.`;
}
