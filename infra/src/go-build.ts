import { join } from 'node:path';
import { cachedBuild, hashFiles, log } from './install-cache.js';
import { execFileAsync } from './processes.js';
import { commandExists } from './system-packages.js';

export interface GoProgram {
  /** Said in messages: "the Temporal CLI", "Jaeger". */
  title: string;
  /** The cache entry's name before its version: `temporal-cli`, `jaeger`. */
  cacheName: string;
  version: string;
  /** A wrapper module whose committed go.mod and go.sum pin the program and its dependencies. */
  moduleDir: string;
  /** The main package to build, as named by the module's `tool` line. */
  mainPackage: string;
  /** The binary's name in the cache entry. */
  binary: string;
  /** Passed to the linker after `-s -w`: the version the program reports about itself. */
  versionFlags: string[];
  /** Said while building: how long a cold build takes. */
  coldBuildTakes: string;
}

/**
 * Builds a Go program from the Go module proxy into `cacheDir()/<name>-<version>-<go.sum hash>`
 * once, and returns the binary's path. `-mod=mod` lets a fresh machine download the modules that
 * go.sum pins; `GOTOOLCHAIN=local` keeps Go from fetching a toolchain of its own.
 */
export async function buildGoProgram(program: GoProgram): Promise<string> {
  const goMod = join(program.moduleDir, 'go.mod');
  if (!(await commandExists('go'))) {
    throw new Error(`Go is needed to build ${program.title}; install Go 1.26 or later (${goMod})`);
  }
  const key = `${program.cacheName}-${program.version}-${hashFiles(goMod, join(program.moduleDir, 'go.sum'))}`;
  const home = await cachedBuild(key, async (scratch) => {
    log(
      `building ${program.title} ${program.version} with Go (first run only, ${program.coldBuildTakes})`,
    );
    await execFileAsync(
      'go',
      [
        'build',
        '-trimpath',
        '-ldflags',
        ['-s', '-w', ...program.versionFlags].join(' '),
        '-o',
        join(scratch, program.binary),
        program.mainPackage,
      ],
      {
        cwd: program.moduleDir,
        env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
        maxBuffer: 64 << 20,
      },
    );
  });
  return join(home, program.binary);
}
