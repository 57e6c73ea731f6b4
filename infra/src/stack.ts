import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { jaeger, type JaegerEndpoint } from './components/jaeger.js';
import { kafka, type KafkaEndpoint } from './components/kafka.js';
import { postgres, type PostgresEndpoint } from './components/postgres.js';
import { temporal, type TemporalEndpoint } from './components/temporal.js';
import { stateDir } from './paths.js';
import {
  portAnswers,
  readPid,
  removePid,
  spawnServer,
  stopProcessGroup,
  waitUntil,
  writePid,
} from './processes.js';
import type { Durability, Installation, ServerDefinition } from './server-definition.js';

/** Where each server of a running stack answers. Tests and services read only this. */
export interface StackEndpoints {
  postgres: PostgresEndpoint;
  kafka: KafkaEndpoint;
  temporal: TemporalEndpoint;
  /** Traces (OTLP in, query API and UI out): in the developer stack; test stacks start it on request. */
  jaeger?: JaegerEndpoint;
}

export type ServerName = keyof StackEndpoints;

// The definitions differ in their port and endpoint types; the stack treats them alike.
type AnyServer = ServerDefinition<Record<string, number>, unknown>;
export const servers: Record<ServerName, AnyServer> = {
  postgres,
  kafka,
  temporal,
  jaeger,
};
export const serverNames = Object.keys(servers) as ServerName[];
/** What a test or benchmark stack starts unless it names its servers. */
export const testStackServerNames: ServerName[] = ['postgres', 'kafka', 'temporal'];

export interface RunningServer {
  name: ServerName;
  version: string;
  pid: number;
  /** False when a healthy server from an earlier run was found and reused. */
  startedHere: boolean;
  endpoint: unknown;
  logFile: string;
}

/** Installs (or finds in the cache) every server's binaries, in parallel. */
export async function installServers(): Promise<Record<ServerName, Installation>> {
  const entries = await Promise.all(
    serverNames.map(async (name) => [name, await servers[name].install()] as const),
  );
  return Object.fromEntries(entries) as Record<ServerName, Installation>;
}

/**
 * Starts one server in `dir`, or reuses the one already running there if it is healthy. A port
 * taken by some other program is an error that names the variable to change.
 */
export async function startServer(
  name: ServerName,
  opts: {
    dir: string;
    ports: Record<string, number>;
    durability: Durability;
    installation?: Installation;
  },
): Promise<RunningServer> {
  const def = servers[name];
  const installation = opts.installation ?? (await def.install());
  const endpoint = def.endpoint(opts.ports);
  const pidFile = join(opts.dir, 'server.pid');
  const logFile = join(opts.dir, 'server.log');
  mkdirSync(opts.dir, { recursive: true });
  const existing = readPid(pidFile);
  if (existing !== undefined) {
    if (await def.healthy(endpoint)) {
      return {
        name,
        version: installation.version,
        pid: existing,
        startedHere: false,
        endpoint,
        logFile,
      };
    }
    await stopProcessGroup(existing);
  }
  for (const [key, port] of Object.entries(opts.ports)) {
    if (await portAnswers(port)) {
      throw new Error(
        `${name}: port ${port} (${key}) is already in use by another program; ` +
          `choose another with LADDER_${name.toUpperCase()}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
      );
    }
  }
  const spec = await def.prepare(installation, opts.dir, opts.ports, opts.durability);
  const child = spawnServer(spec);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${spec.command}`);
  writePid(pidFile, child.pid);
  await waitUntil(name, () => def.healthy(endpoint), {
    timeoutMs: def.startTimeoutMs,
    pid: child.pid,
    logFile,
  });
  return {
    name,
    version: installation.version,
    pid: child.pid,
    startedHere: true,
    endpoint,
    logFile,
  };
}

export async function stopServers(running: RunningServer[]): Promise<void> {
  await Promise.all(running.map((server) => stopProcessGroup(server.pid)));
}

export function endpointsOf(running: RunningServer[]): StackEndpoints {
  return Object.fromEntries(running.map((s) => [s.name, s.endpoint])) as unknown as StackEndpoints;
}

// ---- the developer stack: fixed ports, data kept in .ladder/stack ----

export function developerStackDir(name: ServerName): string {
  return join(stateDir(), 'stack', name);
}

export async function upDeveloperStack(): Promise<RunningServer[]> {
  const installations = await installServers();
  return Promise.all(
    serverNames.map((name) =>
      startServer(name, {
        dir: developerStackDir(name),
        ports: servers[name].defaultPorts,
        durability: 'durable',
        installation: installations[name],
      }),
    ),
  );
}

export async function downDeveloperStack(): Promise<ServerName[]> {
  const stopped: ServerName[] = [];
  for (const name of serverNames) {
    const pidFile = join(developerStackDir(name), 'server.pid');
    const pid = readPid(pidFile);
    if (pid !== undefined) {
      await stopProcessGroup(pid);
      stopped.push(name);
    }
    removePid(pidFile);
  }
  return stopped;
}

export interface ServerStatus {
  name: ServerName;
  version: string;
  address: string;
  healthy: boolean;
  pid?: number;
}

export async function developerStackStatus(): Promise<ServerStatus[]> {
  return Promise.all(
    serverNames.map(async (name) => {
      const def = servers[name];
      const endpoint = def.endpoint(def.defaultPorts);
      const [installation, healthy] = await Promise.all([def.install(), def.healthy(endpoint)]);
      const pid = readPid(join(developerStackDir(name), 'server.pid'));
      return {
        name,
        version: installation.version,
        address: describeEndpoint(endpoint),
        healthy,
        ...(pid ? { pid } : {}),
      };
    }),
  );
}

export function describeEndpoint(endpoint: unknown): string {
  const e = endpoint as Partial<
    PostgresEndpoint & KafkaEndpoint & TemporalEndpoint & JaegerEndpoint
  >;
  return (
    e.url ??
    e.brokers?.join(',') ??
    e.address ??
    (e.otlpHttpUrl ? `OTLP ${e.otlpHttpUrl}` : undefined) ??
    JSON.stringify(endpoint)
  );
}

// ---- throwaway stacks for tests: free ports, a temporary folder, deleted on stop ----

export interface ThrowawayStack {
  endpoints: StackEndpoints;
  servers: RunningServer[];
  stop(): Promise<void>;
  /** Stops one server, keeping its data and ports (for fault tests). */
  stopServer(name: ServerName): Promise<void>;
  /** Starts a stopped server again in the same folder on the same ports. */
  startServer(name: ServerName): Promise<void>;
}

/**
 * Servers and apps are detached, so that they outlive a CLI; a test run that is killed outright
 * (not stopped) would leave them behind. This watchdog SIGKILLs the process group of each pid
 * in a `server.pid` one folder below `root`, and deletes `root`, once the process that started
 * them is gone. Stop it (`kill()`) after stopping them yourself.
 */
export function startOrphanWatchdog(root: string): ChildProcess {
  const script = [
    'while kill -0 "$0" 2>/dev/null; do sleep 2; done',
    'for f in "$1"/*/server.pid; do [ -f "$f" ] && { kill -9 -"$(cat "$f")" 2>/dev/null || kill -9 "$(cat "$f")" 2>/dev/null; }; done',
    'rm -rf "$1"',
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script, String(process.pid), root], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
}

async function freePorts(template: Record<string, number>): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const key of Object.keys(template)) ports[key] = await getPort({ host: '127.0.0.1' });
  return ports;
}

export async function startThrowawayStack(
  names: ServerName[] = testStackServerNames,
): Promise<ThrowawayStack> {
  const root = mkdtempSync(join(tmpdir(), 'ladder-stack-'));
  // PostgreSQL runs as its own user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  const started: RunningServer[] = [];
  const options = new Map<ServerName, Parameters<typeof startServer>[1]>();
  const watchdog = startOrphanWatchdog(root);
  const stop = async (): Promise<void> => {
    watchdog.kill();
    await stopServers(started);
    rmSync(root, { recursive: true, force: true });
  };
  const run = async (name: ServerName): Promise<void> => {
    started.push(await startServer(name, options.get(name)!));
  };
  try {
    await Promise.all(
      names.map(async (name) => {
        options.set(name, {
          dir: join(root, name),
          ports: await freePorts(servers[name].defaultPorts),
          durability: 'throwaway',
        });
        await run(name);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoints: endpointsOf(started),
    servers: started,
    stop,
    async stopServer(name) {
      const index = started.findIndex((s) => s.name === name);
      if (index < 0) return;
      const [server] = started.splice(index, 1);
      await stopServers([server!]);
    },
    startServer: run,
  };
}
