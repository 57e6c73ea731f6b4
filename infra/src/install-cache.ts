import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths.js';

export function log(message: string): void {
  process.stderr.write(`[ladder] ${message}\n`);
}

/** A short content hash, so a changed pom.xml or go.sum gets a fresh cache entry. */
export function hashFiles(...files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Returns `cacheDir()/<key>`, building it first if it is missing. The build writes into a scratch
 * folder that is renamed into place only when complete, so a run killed half-way never leaves a
 * broken entry behind, and two concurrent runs cannot see each other's partial work.
 */
export async function cachedBuild(
  key: string,
  build: (scratchDir: string) => Promise<void>,
): Promise<string> {
  const target = join(cacheDir(), key);
  const marker = join(target, '.complete');
  if (existsSync(marker)) return target;
  const scratch = `${target}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    await build(scratch);
    writeFileSync(join(scratch, '.complete'), new Date().toISOString());
    rmSync(target, { recursive: true, force: true });
    renameSync(scratch, target);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (existsSync(marker)) return target; // another run finished the same build first
    throw error;
  }
  return target;
}
