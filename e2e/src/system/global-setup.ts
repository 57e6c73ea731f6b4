import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startSystem, type RunningSystem } from '@ladder/infra';
// Declares the stack that @ladder/testing's global set-up provides before this one runs.
import type {} from '@ladder/testing/global-setup';
import type { SystemDescription } from './description.js';
import { e2eSystemOptions, runStateDir } from './e2e-options.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test files ask for the running system (see `theSystem()`). */
    ladderSystem: { url: string; token: string };
  }
}

/**
 * vitest globalSetup of the e2e project, after @ladder/testing's (which provides the stack): every
 * deployable as its own process, started once per run when the first test file asks for it (so a
 * run that selects no e2e file, or the unit and integration tests before them, pay nothing), and
 * stopped at the end. Test files run in workers of their own; they reach this process through a
 * small HTTP endpoint on 127.0.0.1 with a token of this run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = project.getProvidedContext().ladderStack;
  const token = randomBytes(24).toString('base64url');
  let starting: Promise<RunningSystem> | undefined;
  let failure: string | undefined;
  let ready: SystemDescription | undefined;

  const start = (): Promise<RunningSystem> => {
    const state = runStateDir('e2e');
    rmSync(state, { recursive: true, force: true });
    mkdirSync(state, { recursive: true });
    process.env.LADDER_STATE_DIR = state; // keys, secrets and logs of this run only
    const begun = Date.now();
    return startSystem(stack, e2eSystemOptions).then(
      (system) => {
        process.stderr.write(
          `[ladder] e2e system ready in ${Date.now() - begun} ms (logs: ${system.logDir})\n`,
        );
        const { stop: _stop, ...description } = system;
        ready = description;
        return system;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
        throw error;
      },
    );
  };

  const answer = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) return answer(response, 401, {});
    starting ??= Promise.resolve().then(start);
    starting.catch(() => undefined); // the failure is answered to every asker below
    if (failure !== undefined) return answer(response, 500, { error: failure });
    return ready ? answer(response, 200, ready) : answer(response, 202, { starting: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('ladderSystem', { url: `http://127.0.0.1:${port}/system`, token });

  return async () => {
    server.close();
    const system = await starting?.catch(() => undefined);
    await system?.stop();
  };
}
