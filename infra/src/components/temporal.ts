import { mkdirSync } from 'node:fs';
import proto from '@temporalio/proto';
import { journeySearchAttributes } from '@ladder/workflow-contracts';
import { join } from 'node:path';
import { buildGoProgram } from '../go-build.js';
import { repoRoot } from '../paths.js';
import { execFileAsync } from '../processes.js';
import type { Installation, ServerDefinition } from '../server-definition.js';

export interface TemporalEndpoint {
  address: string;
  namespace: string;
  /** The Web UI, when the server runs one. */
  uiUrl?: string;
}

type TemporalPorts = { port: number; uiPort: number; httpPort: number; metricsPort: number };

/** Kept in step with infra/temporal-cli/go.mod, which is what actually pins the CLI. */
export const temporalCliVersion = '1.5.1';
const moduleDir = join(repoRoot, 'infra', 'temporal-cli');

/** Where the journey worker serves its payload codec, for the Web UI to show journeys' data. */
export const codecPort = Number(process.env.LADDER_CODEC_PORT ?? 3099);

/**
 * Search attributes the journeys set (declared in @ladder/workflow-contracts), as the CLI names
 * their types; registered at start so workflows can use them at once.
 */
export const searchAttributes: Record<string, 'Keyword' | 'Datetime'> = Object.fromEntries(
  journeySearchAttributes.map((key) => [
    key.name,
    key.type === 'DATETIME' ? 'Datetime' : 'Keyword',
  ]),
);

/** The same attributes as the operator service's AddSearchAttributes takes them (for test servers). */
export function searchAttributesForOperatorService(): Record<string, number> {
  const { IndexedValueType } = proto.temporal.api.enums.v1;
  const types = {
    Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  };
  return Object.fromEntries(
    Object.entries(searchAttributes).map(([name, type]) => [name, types[type]]),
  );
}

/** Builds the Temporal CLI (with its dev server) from the Go module proxy, pinned by go.sum. */
export async function installTemporalCli(): Promise<Installation> {
  const cli = await buildGoProgram({
    title: 'the Temporal CLI',
    cacheName: 'temporal-cli',
    version: temporalCliVersion,
    moduleDir,
    mainPackage: 'github.com/temporalio/cli/cmd/temporal',
    binary: 'temporal',
    versionFlags: ['-X', `github.com/temporalio/cli/temporalcli.Version=${temporalCliVersion}`],
    coldBuildTakes: 'a few minutes',
  });
  return { version: temporalCliVersion, paths: { cli } };
}

export const temporal: ServerDefinition<TemporalPorts, TemporalEndpoint> = {
  name: 'temporal',
  defaultPorts: {
    port: Number(process.env.LADDER_TEMPORAL_PORT ?? 57233),
    uiPort: Number(process.env.LADDER_TEMPORAL_UI_PORT ?? 58233),
    httpPort: Number(process.env.LADDER_TEMPORAL_HTTP_PORT ?? 57234),
    metricsPort: Number(process.env.LADDER_TEMPORAL_METRICS_PORT ?? 57235),
  },
  startTimeoutMs: 60_000,
  install: installTemporalCli,

  prepare(installation, dir, ports, durability) {
    mkdirSync(dir, { recursive: true });
    const args = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(ports.port),
      '--http-port',
      String(ports.httpPort),
      '--metrics-port',
      String(ports.metricsPort),
      '--namespace',
      'default',
      '--log-level',
      'warn',
      ...Object.entries(searchAttributes).flatMap(([name, type]) => [
        '--search-attribute',
        `${name}=${type}`,
      ]),
    ];
    // The developer stack keeps journeys in SQLite across restarts; test stacks keep them in memory.
    if (durability === 'durable') args.push('--db-filename', join(dir, 'temporal.sqlite'));
    if (durability === 'durable')
      args.push(
        '--ui-port',
        String(ports.uiPort),
        '--ui-codec-endpoint',
        `http://127.0.0.1:${codecPort}`,
      );
    else args.push('--headless');
    return Promise.resolve({
      command: installation.paths.cli!,
      args,
      logFile: join(dir, 'server.log'),
      cwd: dir,
    });
  },

  endpoint: (ports) => ({
    address: `127.0.0.1:${ports.port}`,
    namespace: 'default',
    uiUrl: `http://127.0.0.1:${ports.uiPort}`,
  }),

  async healthy(endpoint) {
    const cli = (await installTemporalCli()).paths.cli!;
    try {
      const { stdout } = await execFileAsync(
        cli,
        ['operator', 'cluster', 'health', '--address', endpoint.address],
        { timeout: 5_000 },
      );
      return stdout.includes('SERVING');
    } catch {
      return false;
    }
  },
};
