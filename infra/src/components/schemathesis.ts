import { join } from 'node:path';
import { cachedBuild, hashFiles, log } from '../install-cache.js';
import { repoRoot } from '../paths.js';
import { execFileAsync } from '../processes.js';
import { commandExists } from '../system-packages.js';

/** Kept in step with infra/schemathesis/requirements.in; requirements.txt pins every package by hash. */
export const schemathesisVersion = '4.32.5';
const requirements = join(repoRoot, 'infra', 'schemathesis', 'requirements.txt');

/**
 * Schemathesis (the OpenAPI fuzzer, from PyPI) in a virtual environment of its own in the
 * per-user cache, installed from the hash-pinned requirements: the fuzz tests run it against each
 * service's `/docs/json`.
 */
export async function installSchemathesis(): Promise<{
  version: string;
  /** Run as `command [...prefixArgs, 'run', ...]`. */
  command: string;
  prefixArgs: string[];
}> {
  if (!(await commandExists('python3')))
    throw new Error('Python 3 (3.10 or later) is needed for the OpenAPI fuzz tests');
  const key = `schemathesis-${schemathesisVersion}-${hashFiles(requirements)}`;
  const home = await cachedBuild(key, async (scratch) => {
    log(`installing schemathesis ${schemathesisVersion} from PyPI (first run only)`);
    await execFileAsync('python3', ['-m', 'venv', scratch]);
    await execFileAsync(join(scratch, 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--require-hashes',
      '--no-deps',
      '-r',
      requirements,
    ]);
  });
  // Through the environment's python, not its `bin/schemathesis` script: that script's shebang
  // names the scratch folder the environment was built in, before it was moved into place.
  return {
    version: schemathesisVersion,
    command: join(home, 'bin', 'python'),
    prefixArgs: [
      '-c',
      'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())',
    ],
  };
}
