import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { log } from '../install-cache.js';
import { repoRoot } from '../paths.js';

/**
 * `ladder release <app-dir> <out-dir>`: one deployable as it runs in production. Compiled
 * JavaScript only (the TypeScript sources and tests are removed), production dependencies only
 * (`pnpm deploy --prod`), and for the worker a prebuilt workflow bundle. The Dockerfile runs this;
 * so can anyone without Docker. Start the result with `node --conditions=ladder-compiled
 * dist/src/main.js` from the out dir: the condition picks each workspace package's compiled entry.
 */
export async function runRelease([appDir, outDir]: string[]): Promise<number> {
  if (!appDir || !outDir) throw new Error('usage: release <app-dir> <out-dir>');
  const app = resolve(repoRoot, appDir);
  const out = isAbsolute(outDir) ? outDir : resolve(process.cwd(), outDir);
  const { name } = readJson(join(app, 'package.json')) as { name: string };
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Error(`${out} is not empty: give release a new or empty directory`);

  log(`compiling the workspace`);
  await run('pnpm', ['exec', 'tsc', '-b']);
  if (existsSync(join(app, 'src', 'bundle.ts'))) {
    log('bundling the workflows');
    await run('pnpm', ['--filter', name, 'run', 'bundle']);
  }
  log(`deploying ${name} with production dependencies to ${out}`);
  await run('pnpm', ['--filter', name, 'deploy', '--prod', out]);

  for (const dir of [out, ...workspacePackagesIn(out)]) keepCompiledOnly(dir);
  log(`released ${name}: cd ${out} && node --conditions=ladder-compiled dist/src/main.js`);
  return 0;
}

/** The workspace packages pnpm copied into the release (each under node_modules/@ladder). */
function workspacePackagesIn(out: string): string[] {
  const scope = join(out, 'node_modules', '@ladder');
  return existsSync(scope) ? readdirSync(scope).map((p) => realpathSync(join(scope, p))) : [];
}

/** Files a package needs only to be built or tested, never to run. */
const buildOnly = new Set(['src', 'test', 'scripts', 'tsconfig.json', 'tsconfig.tsbuildinfo']);

/**
 * Removes a package's sources and tests and puts the files its code reads at run time
 * (migrations, views) where the compiled code looks for them. Code finds them relative to its
 * own file (`new URL('../migrations', import.meta.url)`): where the compiler's rootDir is the
 * package itself, `src/` moved under the out dir, so the files move with it.
 */
function keepCompiledOnly(dir: string): void {
  const { rootDir = '.', outDir = 'dist' } = compilerOptions(dir);
  const compiledOffset = relative(rootDir, '.'); // '' when rootDir is the package, '..' for src
  const resourcesGoTo = join(dir, outDir, compiledOffset);
  for (const compiledBuildOnly of ['test', 'scripts'])
    rmSync(join(dir, outDir, compiledBuildOnly), { recursive: true, force: true });
  rmSync(join(dir, outDir, 'tsconfig.tsbuildinfo'), { force: true });
  for (const entry of readdirSync(dir)) {
    if (buildOnly.has(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
    else if (isRuntimeResource(dir, entry) && resolve(resourcesGoTo) !== resolve(dir))
      cpSync(join(dir, entry), join(resourcesGoTo, entry), { recursive: true });
  }
}

/** Folders of files the code reads at run time (migrations, Nunjucks views). */
const isRuntimeResource = (dir: string, entry: string): boolean =>
  ['migrations', 'views'].includes(entry) && existsSync(join(dir, entry));

function compilerOptions(dir: string): { rootDir?: string; outDir?: string } {
  const file = join(dir, 'tsconfig.json');
  if (!existsSync(file)) return {};
  return (
    (readJson(file) as { compilerOptions?: { rootDir?: string; outDir?: string } })
      .compilerOptions ?? {}
  );
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
