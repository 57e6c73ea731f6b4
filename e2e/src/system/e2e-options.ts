import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SystemOptions } from '@ladder/infra';

/**
 * Where a run keeps the system's keys, secrets and logs (`test-artifacts/<run>`, git-ignored):
 * kept after the run so that a failed journey can be read in the deployables' logs, and replaced
 * by the next run of the same kind.
 */
export const runStateDir = (run: 'e2e' | 'simulate'): string =>
  join(fileURLToPath(new URL('../../..', import.meta.url)), 'test-artifacts', run);

/**
 * The deployables as `npm start` runs them, demo referrals included (into the demo programmes,
 * which the tests that count them read; every other test has a programme of its own), with the
 * employer's sustainment job every second (its default is 15 s) so that a journey's 13- and
 * 26-week marks, seconds long on the test programmes, are asked about at once.
 */
export const e2eSystemOptions: SystemOptions = {
  demoActivity: true,
  env: { employer: { SUSTAINMENT_DUE_EVERY_MS: '1000' } },
};
