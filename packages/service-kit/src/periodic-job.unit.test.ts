import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@ladder/logger';
import { periodicJob } from './periodic-job.js';

function capturingLogger(lines: string[]) {
  return createLogger(
    { name: 'job-test', level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
}

describe('periodicJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('when started, then it first runs one interval later and then every interval', async () => {
    const run = vi.fn(() => Promise.resolve());
    const job = periodicJob({ name: 'prune', intervalMs: 1_000, run, logger: capturingLogger([]) });
    await job.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(3);
    await job.stop();
  });

  it('when a run fails, then it is logged by the job name and the next run still comes', async () => {
    const lines: string[] = [];
    const run = vi.fn(() => Promise.reject(new Error('database away')));
    const job = periodicJob({
      name: 'prune',
      intervalMs: 1_000,
      run,
      logger: capturingLogger(lines),
    });
    await job.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(lines.join('')).toContain('"job":"prune"');
    await job.stop();
  });

  it('when a run takes longer than the interval, then runs never overlap', async () => {
    let running = 0;
    let most = 0;
    const run = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      running -= 1;
    };
    const job = periodicJob({ name: 'slow', intervalMs: 1_000, run, logger: capturingLogger([]) });
    await job.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(most).toBe(1);
    const stopped = job.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopped;
  });

  it('when stopped during a run, then stop waits for it and no run follows', async () => {
    let finished = false;
    const run = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    const job = periodicJob({ name: 'prune', intervalMs: 1_000, run, logger: capturingLogger([]) });
    await job.start();
    await vi.advanceTimersByTimeAsync(1_100);
    const stopped = job.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
