/**
 * `npm run simulate -- [--people 200] [--seed 1] [--profile blmk] [--concurrency 8]`: starts a
 * throwaway stack and every deployable (as the e2e tests do), runs a synthetic cohort through the
 * public APIs, prints the funnel it made beside the ops outcome report and the referrers' views,
 * and exits 1 on any mismatch. Logs: test-artifacts/simulate/logs.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { startSystem, startThrowawayStack } from '@ladder/infra';
import { connectTo } from '../actors/ladder.js';
import { e2eSystemOptions, runStateDir } from '../system/e2e-options.js';
import { loadProfile } from './profile.js';
import { simulate } from './simulate.js';
import { formatComparison } from './table.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'blmk' },
    concurrency: { type: 'string', default: '8' },
  },
});
const args = z
  .object({
    people: z.coerce.number().int().min(1).max(10_000),
    seed: z.coerce.number().int().min(0),
    profile: z.string().min(1),
    concurrency: z.coerce.number().int().min(1).max(200),
  })
  .parse(values);
const profile = loadProfile(args.profile);

const log = (line: string) => process.stderr.write(`[simulate] ${line}\n`);
const state = runStateDir('simulate');
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
process.env.LADDER_STATE_DIR = state;

const began = Date.now();
log('starting PostgreSQL, Kafka and Temporal');
const stack = await startThrowawayStack();
let system: Awaited<ReturnType<typeof startSystem>> | undefined;
const stopAll = async () => {
  await system?.stop();
  await stack.stop();
};
process.once('SIGINT', () => {
  log('interrupted: stopping');
  void stopAll().finally(() => process.exit(130));
});

let exitCode = 1;
try {
  log('starting every deployable');
  system = await startSystem(stack.endpoints, e2eSystemOptions);
  log(`system ready after ${Math.round((Date.now() - began) / 1000)} s (logs: ${system.logDir})`);
  const ladder = connectTo(system);
  const bar = new SingleBar({
    format: '[simulate] {bar} {value}/{total} people ({broken} broke off)',
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  let broken = 0;
  bar.start(args.people, 0, { broken });
  const result = await simulate(ladder, {
    profile,
    people: args.people,
    seed: args.seed,
    concurrency: args.concurrency,
    onPersonDone: (run) => {
      if (run.failure) broken += 1;
      bar.increment({ broken });
    },
  });
  bar.stop();
  process.stdout.write(
    [
      `Cohort: ${args.people} people, profile ${profile.name}, seed ${args.seed}, programme ${result.programmeId}`,
      `Ran in ${(result.runMs / 1000).toFixed(1)} s with ${args.concurrency} at a time.`,
      '',
      formatComparison(result.comparison),
      '',
    ].join('\n'),
  );
  exitCode = result.comparison.mismatches === 0 ? 0 : 1;
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await stopAll();
}
process.exit(exitCode);
