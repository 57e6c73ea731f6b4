import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer whose groups finish only when the test lets them, recording each group. */
function heldWriter(options: { maxInFlight: number; maxBatch: number }) {
  const groups: number[][] = [];
  const releases: (() => void)[] = [];
  const commit = new GroupCommit<number, number>(async (group) => {
    groups.push([...group]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return group.map((n) => (n < 0 ? new Error(`refused ${n}`) : n * 10));
  }, options);
  const started = async (count: number) => {
    while (groups.length < count) await new Promise((resolve) => setImmediate(resolve));
  };
  return { commit, groups, releases, started };
}

describe('GroupCommit', () => {
  it('when items arrive while a group is being written, then they go together in the next group, each answered in its place', async () => {
    const { commit, groups, releases, started } = heldWriter({ maxInFlight: 1, maxBatch: 100 });
    const first = commit.write(1);
    await started(1);
    const waiting = [2, 3, -4, 5].map((n) => commit.write(n).catch((e: Error) => e.message));
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1]]);
    releases[0]!();
    expect(await first).toBe(10);
    await started(2);
    expect(groups[1]).toEqual([2, 3, -4, 5]);
    releases[1]!();
    expect(await Promise.all(waiting)).toEqual([20, 30, 'refused -4', 50]);
  });

  it('when more items wait than a group may hold, then they are split into groups of at most maxBatch', async () => {
    const { commit, groups, releases, started } = heldWriter({ maxInFlight: 1, maxBatch: 2 });
    const first = commit.write(1);
    await started(1);
    const rest = [2, 3, 4, 5, 6].map((n) => commit.write(n));
    releases[0]!();
    for (let g = 2; g <= 4; g += 1) {
      await started(g);
      releases[g - 1]!();
    }
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('when two groups may be in flight, then a second starts without waiting for the first', async () => {
    const { commit, groups, releases, started } = heldWriter({ maxInFlight: 2, maxBatch: 100 });
    const a = commit.write(1);
    await started(1);
    const b = commit.write(2);
    await started(2);
    expect(groups).toEqual([[1], [2]]);
    releases[1]!();
    releases[0]!();
    expect(await Promise.all([a, b])).toEqual([10, 20]);
  });

  it('when writing a group throws, then every item of that group gets the error and the next group still goes', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>(
      (group) => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('database gone'));
        return Promise.resolve(group.map((n) => n));
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const failed = await Promise.allSettled([commit.write(1), commit.write(2)]);
    expect(
      failed.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value)),
    ).toEqual(['database gone', 'database gone']);
    expect(await commit.write(3)).toBe(3);
  });
});
