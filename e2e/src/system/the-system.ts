import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { SystemDescription } from './description.js';

let described: Promise<SystemDescription> | undefined;

/**
 * The running system of this e2e run (see `global-setup.ts`): the first call in a run starts
 * every deployable, later calls (from any test file) get the same one. Call it in `beforeAll`.
 */
export function theSystem(): Promise<SystemDescription> {
  described ??= ask();
  return described;
}

async function ask(): Promise<SystemDescription> {
  const { url, token } = inject('ladderSystem');
  for (;;) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 200) return (await response.json()) as SystemDescription;
    if (response.status !== 202)
      throw new Error(`the e2e system did not start: ${await response.text()}`);
    await sleep(500);
  }
}
