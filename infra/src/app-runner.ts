import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openTelemetryEnv, type AppDefinition } from './apps.js';
import { log } from './install-cache.js';
import { stateDir } from './paths.js';
import { isAlive, logTail, stopProcessGroup, waitUntil, writePid } from './processes.js';
import type { LocalSecrets } from './secrets.js';
import type { StackEndpoints } from './stack.js';

export interface RunningApp {
  name: string;
  url: string;
  docs?: string;
  /** Prometheus's scrape address, on a port of its own. */
  metrics: string;
  /** What `npm start` prints under the address (from the app's definition). */
  notes: string[];
  process: ChildProcess;
  logFile: string;
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function ensureDatabases(adminUrl: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
        name,
      ]);
      if (rowCount === 0) await client.query(`create database "${name}"`);
    }
  } finally {
    await client.end();
  }
}

function appEnv(
  app: AppDefinition,
  stack: StackEndpoints,
  secrets: LocalSecrets,
): NodeJS.ProcessEnv {
  const databases = Object.fromEntries(
    Object.entries(app.databases).map(([v, db]) => [v, databaseUrl(stack.postgres.url, db)]),
  );
  return {
    ...process.env,
    ...databases,
    HOST: '127.0.0.1',
    PORT: String(app.port),
    METRICS_PORT: String(app.metricsPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...openTelemetryEnv(app.name, stack),
    ...app.env(stack, secrets),
  };
}

function runTs(
  app: AppDefinition,
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): ChildProcess {
  const out = openSync(logFile, 'a');
  try {
    return spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: app.dir,
      env,
      stdio: ['ignore', out, out],
      detached: true,
    });
  } finally {
    closeSync(out);
  }
}

async function runToCompletion(
  app: AppDefinition,
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<void> {
  const child = runTs(app, script, env, logFile);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${app.name}: ${script} failed${logTail(logFile)}`);
}

export interface StartAppOptions {
  /**
   * Writes the app's pid to `<pidDir>/<name>/server.pid` as soon as it is spawned, where an
   * orphan watchdog (`startOrphanWatchdog`) finds it if the starting process dies.
   */
  pidDir?: string;
  /** How long the app may take to answer `/ready` (default 60 s). */
  readyTimeoutMs?: number;
}

/**
 * Prepares and starts one app, and waits until its readiness endpoint answers. If it is not ready
 * in time, exits, or its `afterStart` fails, the app's process group is stopped before the error
 * is thrown: the caller never learns of the process, so it could not stop it.
 */
export async function startApp(
  app: AppDefinition,
  stack: StackEndpoints,
  secrets: LocalSecrets,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  await ensureDatabases(stack.postgres.url, Object.values(app.databases));
  const logDir = join(stateDir(), 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${app.name}.log`);
  const env = appEnv(app, stack, secrets);
  if (app.prepare) await runToCompletion(app, app.prepare, env, logFile);
  log(`starting ${app.name}`);
  const child = runTs(app, app.entry, env, logFile);
  if (options.pidDir !== undefined && child.pid !== undefined) {
    mkdirSync(join(options.pidDir, app.name), { recursive: true });
    writePid(join(options.pidDir, app.name, 'server.pid'), child.pid);
  }
  const url = `http://127.0.0.1:${app.port}`;
  try {
    await waitUntil(app.name, async () => (await fetch(`${url}/ready`)).ok, {
      timeoutMs: options.readyTimeoutMs ?? app.readyTimeoutMs ?? 60_000,
      pid: child.pid,
      logFile,
    });
    if (app.afterStart)
      await runToCompletion(app, app.afterStart, { ...env, APP_URL: url }, logFile);
  } catch (error) {
    if (child.pid !== undefined && isAlive(child.pid)) await stopProcessGroup(child.pid, 5_000);
    throw error;
  }
  return {
    name: app.name,
    url,
    ...(app.docsPath ? { docs: `${url}${app.docsPath}` } : {}),
    metrics: `http://127.0.0.1:${app.metricsPort}/metrics`,
    notes: app.notes?.(url) ?? [],
    process: child,
    logFile,
  };
}

/** Stops each app's process group (SIGTERM, then SIGKILL after 25 s) and waits until it is gone. */
export async function stopApps(running: readonly Pick<RunningApp, 'process'>[]): Promise<void> {
  await Promise.all(
    running.map(async (app) =>
      app.process.pid && isAlive(app.process.pid)
        ? stopProcessGroup(app.process.pid, 25_000)
        : undefined,
    ),
  );
}
