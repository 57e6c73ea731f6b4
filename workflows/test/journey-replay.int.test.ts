import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowsPath } from '../src/worker.js';

const historiesDir = new URL('./histories/', import.meta.url);
const histories = readdirSync(historiesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    name: f,
    history: JSON.parse(readFileSync(new URL(f, historiesDir), 'utf8')) as unknown,
  }));
const fixture = (name: string): string =>
  new URL(`./fixtures/${name}.workflow.ts`, import.meta.url).pathname;

describe('replaying recorded journeys (workflows/test/histories)', () => {
  it('when the recorded histories are counted, then every route is there', () => {
    expect(histories.map((h) => h.name).sort()).toEqual([
      'deadline-breaches-and-ops-updates.json',
      'disengaged-after-missed-deadlines.json',
      'employer-sustainment-chased.json',
      'further-education-by-ops.json',
      'hired-and-sustained.json',
      'not-eligible.json',
      'offer-declined-then-hired.json',
      'staff-milestones-and-support.json',
      'state-machine-further-education.json',
      'state-machine-hired-and-sustained.json',
      'state-machine-left-post.json',
      'state-machine-refusals-and-ways-back.json',
      'volunteering-by-ops.json',
      'withdrawn.json',
      'work-experience-by-ops.json',
      'work-experience-then-an-application.json',
      'work-experience-without-a-job.json',
    ]);
  });

  it.each(histories)(
    "when $name is replayed with today's code, then it replays without a determinism error",
    async ({ history }) => {
      await expect(Worker.runReplayHistory({ workflowsPath }, history)).resolves.toBeUndefined();
    },
  );

  it('when the workflow changes without patched(), then replaying a running journey fails', async () => {
    const { history } = histories.find((h) => h.name === 'withdrawn.json')!;
    await expect(
      Worker.runReplayHistory({ workflowsPath: fixture('unpatched-change') }, history),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  it('when the same change is made behind patched(), then old journeys still replay', async () => {
    const { history } = histories.find((h) => h.name === 'withdrawn.json')!;
    await expect(
      Worker.runReplayHistory({ workflowsPath: fixture('patched-change') }, history),
    ).resolves.toBeUndefined();
  });
});
