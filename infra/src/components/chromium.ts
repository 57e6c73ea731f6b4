import { existsSync } from 'node:fs';
import { ensureDebianPackages } from '../system-packages.js';

/** Where Debian's chromium package puts the browser that browser tests drive. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Debian's Chromium for the browser tests (playwright-core drives it; no browser is downloaded),
 * installed from the system's packages when missing, as PostgreSQL is.
 */
export async function installChromium(): Promise<string> {
  if (!existsSync(chromiumPath))
    await ensureDebianPackages(['chromium'], 'Chromium is needed for the browser tests');
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath} after install`);
  return chromiumPath;
}
