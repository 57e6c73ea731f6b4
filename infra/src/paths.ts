import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this code runs from. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Downloads and builds live in a per-user cache, keyed by version, so a fresh clone (and CI) reuses
 * them; nothing there is specific to one checkout.
 */
export function cacheDir(): string {
  return (
    process.env.LADDER_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ladder')
  );
}

/** State of this checkout's long-lived stack (data, logs, pid files): git-ignored `.ladder/`. */
export function stateDir(): string {
  return process.env.LADDER_STATE_DIR ?? join(repoRoot, '.ladder');
}
