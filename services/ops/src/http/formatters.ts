import type { PriorityGroup } from '@ladder/vocabulary';

/** How pages write codes and times (Nunjucks filters, and the text of form choices). */

/** A day in words, UTC: `3 Dec 2026`. */
export const day = (iso: unknown): string =>
  typeof iso === 'string'
    ? new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';

/** Codes whose words are not the code's: acronyms. */
const spelt: Partial<Record<string, string>> = {
  neet: 'NEET',
  send: 'SEND',
  'needs-esol': 'Needs ESOL',
} satisfies Partial<Record<PriorityGroup, string>>;

/** A code as words: `further-education` -> `Further education`, `neet` -> `NEET`. */
export const label = (code: unknown): string =>
  typeof code === 'string'
    ? (spelt[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' '))
    : '';

/** A time in words, UTC. */
export const time = (iso: unknown): string =>
  typeof iso === 'string'
    ? new Date(iso).toLocaleString('en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      })
    : '';

/** A support step still to do, in words (`cv` is an initialism). */
export const supportStep = (step: string): string => (step === 'cv' ? 'CV' : label(step));
