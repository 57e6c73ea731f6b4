import type { TestProject } from 'vitest/node';
import { installTimeSkippingServer, type StackEndpoints } from '@ladder/infra';
import { provideStack, type StackSource } from './stack-sources.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ladderStack: StackEndpoints;
    ladderStackSources: Record<keyof StackEndpoints, StackSource>;
    /** The launcher of Temporal's time-skipping test server; each test file starts its own. */
    ladderTimeSkippingServer: string;
  }
}

/**
 * vitest globalSetup for integration and end-to-end tests: one real stack for the whole run,
 * stopped afterwards. Test files isolate themselves within it (a database each, unique topics
 * and task queues), so they can run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const [stack, timeSkipping] = await Promise.all([
    provideStack(),
    process.env.LADDER_TEST_TIME_SKIPPING_SERVER
      ? Promise.resolve({ paths: { launcher: process.env.LADDER_TEST_TIME_SKIPPING_SERVER } })
      : installTimeSkippingServer(),
  ]);
  const where = Object.entries(stack.sources)
    .map(([name, source]) => `${name}: ${source}`)
    .join(', ');
  process.stderr.write(`[ladder] test stack ready in ${Date.now() - started} ms (${where})\n`);
  project.provide('ladderStack', stack.endpoints);
  project.provide('ladderStackSources', stack.sources);
  project.provide('ladderTimeSkippingServer', timeSkipping.paths.launcher);
  return () => stack.stop();
}
