import type { Logger } from '@ladder/logger';
import type { Component } from './lifecycle.js';

export interface PeriodicJobOptions {
  /** For the logs, e.g. `prune idempotency keys`. */
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  logger: Logger;
}

/**
 * A background task run every `intervalMs` (pruning, clean-ups), first one interval after start.
 * Runs never overlap (the next is timed from the end of the last); a failed run is logged and the
 * next one tries again; stop waits for a run in progress.
 */
export function periodicJob(options: PeriodicJobOptions): Component {
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = (): void => {
    timer = setTimeout(() => {
      inProgress = options
        .run()
        .then(
          () => undefined,
          (error: unknown) => options.logger.warn({ err: error, job: options.name }, 'job failed'),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.intervalMs);
    // A pending run alone must not keep the process alive.
    timer.unref();
  };
  return {
    start: () => {
      stopped = false;
      schedule();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inProgress;
    },
  };
}
