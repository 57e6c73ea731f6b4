import { existsSync } from 'node:fs';
import { execFileAsync } from './processes.js';
import { log } from './install-cache.js';

let aptUpdated = false;

/**
 * Installs Debian packages when a required program is missing. Only root can do that; anyone else
 * gets a message naming the packages to install.
 */
export async function ensureDebianPackages(packages: string[], why: string): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(`${why}: please install the Debian packages ${packages.join(', ')}`);
  }
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`${why}: install ${packages.join(', ')} with your system's package manager`);
  }
  log(`${why}: installing ${packages.join(', ')} from Debian's packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    await execFileAsync('apt-get', ['update', '-qq'], { env, maxBuffer: 64 << 20 });
    aptUpdated = true;
  }
  await execFileAsync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env,
    maxBuffer: 64 << 20,
  });
}

export async function commandExists(command: string): Promise<boolean> {
  try {
    await execFileAsync('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}
