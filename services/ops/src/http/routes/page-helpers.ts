import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PriorityGroup } from '@ladder/vocabulary';

/** Staff who are not signed in are sent to sign in, and brought back here after. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.staff)
    await reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
}

/** Codes whose words are not the code's: acronyms. */
const spelt: Partial<Record<string, string>> = {
  neet: 'NEET',
  send: 'SEND',
  'needs-esol': 'Needs ESOL',
} satisfies Partial<Record<PriorityGroup, string>>;

/** A code as words: `further-education` -> `Further education`, `neet` -> `NEET`. */
export const label = (code: string): string =>
  spelt[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ');

/** A select's items from a closed set, with a first "all" item. */
export const options = (
  codes: readonly string[],
  chosen: string | undefined,
  all: string,
): { value: string; text: string; selected?: boolean }[] => [
  { value: '', text: all },
  ...codes.map((c) => ({ value: c, text: label(c), selected: c === chosen })),
];
