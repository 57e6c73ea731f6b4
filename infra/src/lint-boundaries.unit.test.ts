import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';

// The workspace's real eslint.config.js, minus type information: the files linted here are
// virtual, so no tsconfig holds them and the project service would refuse them.
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: tseslint.configs.disableTypeChecked });

/** The import-boundary messages ESLint reports for `code` as if it lived at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  if (result === undefined) throw new Error(`ESLint returned no result for ${file}`);
  expect(result.messages.filter((m) => m.fatal === true)).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId?.endsWith('no-restricted-imports') === true)
    .map((m) => m.message);
}

const workflow = 'workflows/src/workflows/x.workflow.ts';

// Loading the config and its plugins is the slow part, once: done here, not in the first test's time.
beforeAll(() => eslint.calculateConfigForFile(join(repoRoot, workflow)), 60_000);

describe('lint boundaries: the Temporal workflow sandbox', () => {
  it.each([
    ["import fs from 'node:fs';", 'a node: built-in'],
    ["import { readFileSync } from 'fs';", 'a bare Node built-in'],
    ["import { Pool } from 'pg';", 'pg'],
    ["import { Kafka } from 'kafkajs';", 'kafkajs'],
    ["import { createPool } from '@ladder/db';", '@ladder/db'],
    ["import { loadConfig } from '@ladder/config';", '@ladder/config'],
    ["import { stageSchema } from '@ladder/vocabulary/schemas';", 'zod schemas'],
    ["import { createActivities } from '../activities/a.activities.js';", 'activity code'],
    ["export { createActivities } from '../activities/a.activities.js';", 'activity code'],
  ])('when a workflow imports `%s` (%s), then it is an error', async (code) => {
    expect(await boundaryErrors(workflow, code)).toHaveLength(1);
  });

  it.each([
    "import { proxyActivities } from '@temporalio/workflow';",
    "import type * as activities from '../activities/a.activities.js';",
    "import { type Activities } from '../activities/index.js';",
    "import type { JourneyInput } from '@ladder/workflow-contracts';",
    "import type { EventEnvelope } from '@ladder/events';",
    "import { stages } from '@ladder/vocabulary';",
    "import { nextStep } from './steps.js';",
  ])('when a workflow imports `%s`, then it is allowed', async (code) => {
    expect(await boundaryErrors(workflow, code)).toEqual([]);
  });

  it('when a unit test beside the workflow rules imports vitest and fast-check, then the sandbox rule does not apply', async () => {
    expect(
      await boundaryErrors(
        'workflows/src/workflows/x.unit.test.ts',
        "import { it } from 'vitest';\nimport fc from 'fast-check';",
      ),
    ).toEqual([]);
  });

  it('when code outside the sandbox imports pg, then the sandbox rule does not apply', async () => {
    expect(
      await boundaryErrors('workflows/src/activities/a.activities.ts', "import pg from 'pg';"),
    ).toEqual([]);
  });
});

describe('lint boundaries: contract packages', () => {
  it('when @ladder/events imports @ladder/db, then it is an error', async () => {
    expect(
      await boundaryErrors('packages/events/src/a.ts', "import { x } from '@ladder/db';"),
    ).toHaveLength(1);
  });

  it('when @ladder/workflow-contracts imports @ladder/events, even for types, then it is an error', async () => {
    const code = "import type { EventEnvelope } from '@ladder/events';";
    expect(await boundaryErrors('packages/workflow-contracts/src/a.ts', code)).toHaveLength(1);
  });

  it.each(['packages/events/src/a.ts', 'packages/workflow-contracts/src/a.ts'])(
    'when %s imports the vocabulary, then it is allowed',
    async (file) => {
      const code =
        "import { stages } from '@ladder/vocabulary';\nimport { stageSchema } from '@ladder/vocabulary/schemas';";
      expect(await boundaryErrors(file, code)).toEqual([]);
    },
  );

  it('when the vocabulary imports any other project package, then it is an error', async () => {
    const code = "import type { EventEnvelope } from '@ladder/events';";
    expect(await boundaryErrors('packages/vocabulary/src/a.ts', code)).toHaveLength(1);
  });

  it('when @ladder/events imports zod, then it is allowed', async () => {
    expect(await boundaryErrors('packages/events/src/a.ts', "import { z } from 'zod';")).toEqual(
      [],
    );
  });
});

describe('lint boundaries: services', () => {
  const service = 'services/training/src/a.ts';

  it.each([
    "import x from '@ladder/referral-service';",
    "import { journey } from '@ladder/workflows';",
  ])('when a service imports `%s`, then it is an error', async (code) => {
    expect(await boundaryErrors(service, code)).toHaveLength(1);
  });

  it('when a service imports the shared packages, then it is allowed', async () => {
    const code =
      "import { createPool } from '@ladder/db';\nimport type { X } from '@ladder/workflow-contracts';";
    expect(await boundaryErrors(service, code)).toEqual([]);
  });
});

describe('lint boundaries: the end-to-end tests', () => {
  const e2e = 'e2e/src/actors/a.ts';

  it.each([
    "import x from '@ladder/referral-service';",
    "import { journeyWorkflowId } from '@ladder/workflow-contracts';",
    "import { createPool } from '@ladder/db';",
    "import { topics } from '@ladder/events';",
  ])('when e2e code imports `%s`, then it is an error', async (code) => {
    expect(await boundaryErrors(e2e, code)).toHaveLength(1);
  });

  it('when e2e code imports the system starter, the test stack, the vocabulary and scope names, then it is allowed', async () => {
    const code = [
      "import { startSystem } from '@ladder/infra';",
      "import type {} from '@ladder/testing/global-setup';",
      "import { stages } from '@ladder/vocabulary';",
      "import { scopes } from '@ladder/auth';",
    ].join('\n');
    expect(await boundaryErrors(e2e, code)).toEqual([]);
  });
});

describe('lint boundaries: anywhere in the workspace', () => {
  it.each([
    ['services/training/src/a.ts', "import { x } from '@ladder/events/src/index.js';"],
    ['services/training/src/a.ts', "import { x } from '../../../packages/db/src/index.js';"],
    ['packages/kafka/src/a.ts', "import { x } from '../../db/src/index.js';"],
    ['packages/kafka/src/cli/a.ts', "import { x } from '../../../db/src/index.js';"],
    ['infra/src/a.ts', "import { x } from '../../services/referral/src/index.js';"],
    ['bench/a.ts', "import { x } from '../packages/events/src/index.js';"],
    ['e2e/test/a.e2e.test.ts', "import { x } from '../../services/ops/src/app.js';"],
  ])('when %s imports `%s`, then it is an error', async (file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['packages/kafka/test/a.test.ts', "import { x } from '../src/index.js';"],
    ['packages/kafka/src/cli/a.ts', "import { x } from '../relay.js';"],
    ['packages/testing/test/a.int.test.ts', "import setup from '@ladder/testing/global-setup';"],
  ])('when %s imports `%s`, then it is allowed', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
