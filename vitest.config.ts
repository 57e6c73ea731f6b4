import { defineConfig } from 'vitest/config';

const globalSetup = ['./packages/testing/src/global-setup.ts'];
const exclude = ['**/node_modules/**', '**/dist/**', '.ladder/**'];

/**
 * Three projects: `unit` is pure and fast; `int` and `e2e` run against the real PostgreSQL, Kafka
 * and Temporal that @ladder/testing's global set-up provides. `e2e` adds every deployable as its
 * own process (`e2e/src/system/global-setup.ts`, started when its first file asks) and runs after
 * the others (`groupOrder`), so that its processes never compete with the integration tests.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude } },
      {
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude,
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude,
          globalSetup: [...globalSetup, './e2e/src/system/global-setup.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
