import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { searchAttributes } from './components/temporal.js';
import { repoRoot } from './paths.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** Every deployable: one folder per service, plus the Temporal worker app. */
function deployables(): { name: string; dir: string }[] {
  const servicesDir = join(repoRoot, 'services');
  const services = existsSync(servicesDir)
    ? readdirSync(servicesDir).filter((d) => existsSync(join(servicesDir, d, 'package.json')))
    : [];
  const found = services.map((name) => ({ name: `${name}-service`, dir: join(servicesDir, name) }));
  if (existsSync(join(repoRoot, 'workflows', 'package.json'))) {
    found.push({ name: 'worker', dir: join(repoRoot, 'workflows') });
  }
  return found;
}

describe('docker-compose.yml', () => {
  it('when read, then it runs the real servers from official images', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:15/);
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:4\./);
    expect(compose.services.temporal?.image).toMatch(/^temporalio\/temporal:/);
  });

  it('when read, then Temporal registers the same search attributes as the local stack', () => {
    const registered = (compose.services.temporal?.command ?? [])
      .filter((arg) => arg.startsWith('--search-attribute='))
      .map((arg) => arg.slice('--search-attribute='.length));
    expect(registered.sort()).toEqual(
      Object.entries(searchAttributes)
        .map(([n, t]) => `${n}=${t}`)
        .sort(),
    );
  });

  it.each(deployables())(
    'when $name exists, then compose runs it with env its config schema knows',
    async ({ name, dir }) => {
      const service = compose.services[name];
      expect(service, `docker-compose.yml has no service "${name}"`).toBeDefined();
      const { configSchema } = (await import(join(dir, 'src', 'config.ts'))) as {
        configSchema: { shape: Record<string, unknown> };
      };
      const known = Object.keys(configSchema.shape);
      const unknownVars = Object.keys(service?.environment ?? {}).filter((v) => !known.includes(v));
      expect(unknownVars).toEqual([]);
    },
  );
});
