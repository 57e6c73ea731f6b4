import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from './app-runner.js';
import type { AppDefinition } from './apps.js';
import type { LocalSecrets } from './secrets.js';
import type { StackEndpoints } from './stack.js';

// The fixture apps use no server of the stack (and no database, so none is made).
const stack: StackEndpoints = {
  postgres: { url: 'postgres://127.0.0.1:9/unused' },
  kafka: { brokers: [] },
  temporal: { address: '127.0.0.1:9', namespace: 'default' },
};
const secrets: LocalSecrets = {
  masterKeys: '',
  matchingKey: '',
  codecKeys: '',
  codecToken: '',
  reportingKeys: '',
};

/**
 * The processes whose environment carries `marker`: the app and anything it started, found
 * whether or not the app got as far as saying who it is.
 */
function processesMarked(marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
      } catch {
        return false; // gone, or not ours
      }
    })
    .map(Number);
}

describe('starting an app as npm start does', () => {
  let stateDir: string;
  const markers: string[] = [];
  const app = async (entry: string, more: Partial<AppDefinition> = {}): Promise<AppDefinition> => {
    const marker = randomUUID();
    markers.push(`APP_RUNNER_TEST=${marker}`);
    return {
      name: `app-runner-test-${marker.slice(0, 8)}`,
      dir: fileURLToPath(new URL('./test-fixtures', import.meta.url)),
      entry,
      port: await getPort(),
      metricsPort: await getPort(),
      databases: {},
      env: () => ({ APP_RUNNER_TEST: marker }),
      ...more,
    };
  };

  beforeAll(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'ladder-app-runner-'));
    process.env.LADDER_STATE_DIR = stateDir;
  });
  afterEach(() => {
    // Whatever a failed case left behind: only the processes this file started.
    for (const pid of markers.splice(0).flatMap(processesMarked)) process.kill(pid, 'SIGKILL');
  });
  afterAll(() => {
    delete process.env.LADDER_STATE_DIR;
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('when the app is not ready in time, then the start fails and the app is stopped', async () => {
    const hanging = await app('app-that-never-gets-ready.ts', { readyTimeoutMs: 3_000 });
    await expect(startApp(hanging, stack, secrets)).rejects.toThrow(/not ready after 3000 ms/);
    expect(processesMarked(markers[0]!)).toEqual([]);
  });

  it('when its step after start fails, then the start fails and the ready app is stopped', async () => {
    const ready = await app('ready-app.ts', { afterStart: 'failing-step.ts' });
    await expect(startApp(ready, stack, secrets)).rejects.toThrow(/failing-step.ts failed/);
    expect(processesMarked(markers[0]!)).toEqual([]);
  });
});
