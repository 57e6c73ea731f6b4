import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';

interface PackageJson {
  name: string;
  exports: Record<string, string | Record<string, string>>;
}

/** Every workspace package a deployable can depend on, and the deployables themselves. */
function runtimePackages(): string[] {
  const under = (folder: string): string[] =>
    readdirSync(join(repoRoot, folder))
      .map((name) => join(folder, name))
      .filter((dir) => existsSync(join(repoRoot, dir, 'package.json')));
  return [...under('packages'), ...under('services'), 'workflows'];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('package exports: what a release runs', () => {
  it.each(runtimePackages())(
    'when %s is imported under the ladder-compiled condition, then each entry is the compiled file of its source',
    (dir) => {
      const pkg = readJson<PackageJson>(join(repoRoot, dir, 'package.json'));
      const { compilerOptions = {} } = readJson<{
        compilerOptions?: { rootDir?: string; outDir?: string };
      }>(join(repoRoot, dir, 'tsconfig.json'));
      const { rootDir = '.', outDir = 'dist' } = compilerOptions;
      for (const [entry, target] of Object.entries(pkg.exports)) {
        expect(typeof target, `${pkg.name} "${entry}" has no conditions`).toBe('object');
        const { 'ladder-compiled': compiled, default: source } = target as Record<string, string>;
        expect(source, `${pkg.name} "${entry}"`).toMatch(/^\.\/src\/.+\.ts$/);
        const expected = `./${join(outDir, relative(rootDir, normalize(source!))).replace(/\.ts$/, '.js')}`;
        expect(compiled, `${pkg.name} "${entry}"`).toBe(expected);
      }
    },
  );
});
