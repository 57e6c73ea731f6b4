import { setTimeout as sleep } from 'node:timers/promises';

/** How long a step may take to show through the system (every hop is asynchronous). */
export const defaultPatienceMs = 90_000;

/**
 * Reads `probe` until `done` holds of what it read, and returns that. A probe that throws is read
 * again (a read model that has not heard of a journey yet answers 404). After `patienceMs` it
 * fails, saying what it waited for, what it saw last and where the deployables' logs are.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  done: (seen: T) => boolean,
  options: { patienceMs?: number; logDir?: string; describe?: (seen: T) => unknown } = {},
): Promise<T> {
  const giveUpAt = Date.now() + (options.patienceMs ?? defaultPatienceMs);
  let last: { seen: T } | { error: unknown } | undefined;
  // Quick at first (most steps show within a second), then once a second: a cohort of people
  // waiting side by side stays well inside each organisation's rate limit.
  for (let pause = 200; ; pause = Math.min(pause * 1.5, 1_000)) {
    try {
      const seen = await probe();
      if (done(seen)) return seen;
      last = { seen };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > giveUpAt) {
      const lastly =
        last === undefined
          ? 'nothing'
          : 'seen' in last
            ? JSON.stringify(options.describe ? options.describe(last.seen) : last.seen)
            : String(last.error);
      const logs = options.logDir ? ` (the deployables' logs: ${options.logDir})` : '';
      throw new Error(`waited in vain for ${what}; last seen: ${lastly}${logs}`);
    }
    await sleep(pause);
  }
}
