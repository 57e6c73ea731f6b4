import type { FastifyReply, FastifyRequest } from 'fastify';
import { label } from '../formatters.js';

/** Staff who are not signed in are sent to sign in, and brought back here after. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.staff)
    await reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
}

export { label } from '../formatters.js';

/** A select's items from a closed set, with a first "all" item. */
export const options = (
  codes: readonly string[],
  chosen: string | undefined,
  all: string,
): { value: string; text: string; selected?: boolean }[] => [
  { value: '', text: all },
  ...codes.map((c) => ({ value: c, text: label(c), selected: c === chosen })),
];
