import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import getPort from 'get-port';
import { startApp, stopApps, type RunningApp } from './app-runner.js';
import { apps, demoCredentialsFile, type AppDefinition } from './apps.js';
import { stateDir } from './paths.js';
import { localSecrets } from './secrets.js';
import { startOrphanWatchdog, type StackEndpoints } from './stack.js';

/** The deployables by the short names tests and scripts use. */
export const systemAppNames = {
  referral: 'referral-service',
  training: 'training-service',
  employer: 'employer-service',
  ops: 'ops-service',
  worker: 'journey-worker',
} as const;
export type SystemAppName = keyof typeof systemAppNames;

export interface SystemOptions {
  /** Extra env for a deployable (shorter job intervals for tests), after its definition's. */
  env?: Partial<Record<SystemAppName, Record<string, string>>>;
  /** Run each app's demo step as `npm start` does (the demo referrals); default false. */
  demoActivity?: boolean;
  /** How long each deployable may take to answer `/ready` (default 120 s). */
  readyTimeoutMs?: number;
}

/** Every deployable of Ladder running as its own process, on free ports of 127.0.0.1. */
export interface RunningSystem {
  urls: Record<SystemAppName, string>;
  /** The ops service's development OpenID provider (demo staff, any password). */
  devSignInUrl: string;
  /** The demo organisations' API keys, as their demo data wrote them. */
  credentialsFile: string;
  /** One `<app name>.log` per deployable. */
  logDir: string;
  /** Stops every deployable (SIGTERM, then SIGKILL after a grace period). */
  stop: () => Promise<void>;
}

/** The ports a system's deployables listen on (API and metrics) and the ops sign-in's. */
export interface SystemPorts {
  apps: Record<SystemAppName, { port: number; metricsPort: number }>;
  devSignIn: number;
}

/** The short name of one of apps.ts's deployables. */
function nameOf(appName: string): SystemAppName {
  const found = Object.entries(systemAppNames).find(([, full]) => full === appName);
  if (found === undefined) throw new Error(`a system has no place for ${appName} of apps.ts`);
  return found[0] as SystemAppName;
}

const urlsOf = (ports: SystemPorts) =>
  Object.fromEntries(
    Object.entries(ports.apps).map(([name, p]) => [name, `http://127.0.0.1:${p.port}`]),
  ) as Record<SystemAppName, string>;

/**
 * `npm start`'s definitions of the deployables (`apps.ts`) moved onto `ports`: each listens on its
 * own and finds the others on theirs. apps.ts writes npm start's addresses into the env, so each
 * one that names another deployable is replaced here (`system.unit.test.ts` fails when apps.ts
 * gains one this does not replace).
 */
export function systemDefinitions(
  ports: SystemPorts,
  options: SystemOptions = {},
): Record<SystemAppName, AppDefinition> {
  const urls = urlsOf(ports);
  const wiring: Record<SystemAppName, Record<string, string>> = {
    referral: {},
    training: { REFERRAL_SERVICE_URL: urls.referral },
    employer: { REFERRAL_SERVICE_URL: urls.referral },
    ops: {
      PUBLIC_URL: urls.ops,
      DEV_SIGN_IN_PORT: String(ports.devSignIn),
      // Where staff's actions call the other services (read by ops once those actions land;
      // an env var the service does not read is ignored).
      REFERRAL_SERVICE_URL: urls.referral,
      TRAINING_SERVICE_URL: urls.training,
      EMPLOYER_SERVICE_URL: urls.employer,
    },
    worker: { CODEC_STAFF_CHECK_URL: `${urls.ops}/internal/v1/codec-access` },
  };
  const definition = (name: SystemAppName): AppDefinition => {
    const app = apps.find((a) => a.name === systemAppNames[name]);
    if (app === undefined) throw new Error(`infra/src/apps.ts has no ${systemAppNames[name]}`);
    const extraEnv = { ...wiring[name], ...options.env?.[name] };
    return {
      ...app,
      ...ports.apps[name],
      env: (stack, secrets) => ({ ...app.env(stack, secrets), ...extraEnv }),
      ...(options.demoActivity ? {} : { afterStart: undefined }),
    };
  };
  return Object.fromEntries(
    Object.keys(systemAppNames).map((name) => [name, definition(name as SystemAppName)]),
  ) as Record<SystemAppName, AppDefinition>;
}

/**
 * Starts every deployable of `apps` on `stack`, each as its own process (exactly as `npm start`
 * runs them, with their migrations and demo organisations), on free ports, with its state, keys
 * and logs in `stateDir()` (set `LADDER_STATE_DIR` to keep it apart from `npm start`'s). An orphan
 * watchdog kills them if this process dies without stopping them; a failed start stops what had
 * started.
 */
export async function startSystem(
  stack: StackEndpoints,
  options: SystemOptions = {},
): Promise<RunningSystem> {
  const ports = Object.fromEntries(
    await Promise.all(
      Object.keys(systemAppNames).map(
        async (name) => [name, { port: await getPort(), metricsPort: await getPort() }] as const,
      ),
    ),
  ) as SystemPorts['apps'];
  const systemPorts: SystemPorts = { apps: ports, devSignIn: await getPort() };
  const definitions = systemDefinitions(systemPorts, options);
  const urls = urlsOf(systemPorts);

  const secrets = localSecrets();
  const pidDir = join(stateDir(), 'pids');
  mkdirSync(pidDir, { recursive: true });
  const watchdog = startOrphanWatchdog(pidDir);
  const running: RunningApp[] = [];
  const start = async (name: SystemAppName): Promise<void> => {
    running.push(
      await startApp(definitions[name], stack, secrets, {
        pidDir,
        readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      }),
    );
  };
  const stop = async (): Promise<void> => {
    await stopApps(running);
    watchdog.kill();
  };
  // In apps.ts's order, as npm start: the first (the referral service, whose demo data makes the
  // organisations and the identity database) alone; then each with a preparation after the one
  // before (their demo data add keys to the same credentials file), and those without one
  // alongside. Every start is awaited before stopping, so none is left after a failure.
  const failures: unknown[] = [];
  const attempt = (starting: Promise<void>): Promise<void> =>
    starting.catch((error: unknown) => {
      failures.push(error);
    });
  const [first, ...rest] = apps.map((a) => nameOf(a.name));
  if (first !== undefined) await attempt(start(first));
  if (failures.length === 0) {
    const prepared = rest.filter((name) => definitions[name].prepare !== undefined);
    const unprepared = rest.filter((name) => definitions[name].prepare === undefined);
    await Promise.all([
      attempt(prepared.reduce((before, name) => before.then(() => start(name)), Promise.resolve())),
      ...unprepared.map((name) => attempt(start(name))),
    ]);
  }
  if (failures.length > 0) {
    await stop();
    throw failures[0];
  }
  return {
    urls,
    devSignInUrl: `http://127.0.0.1:${systemPorts.devSignIn}`,
    credentialsFile: demoCredentialsFile(),
    logDir: join(stateDir(), 'logs'),
    stop,
  };
}
