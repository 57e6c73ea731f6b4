/**
 * Calls `one(i)` for i = 0..count-1 at `ratePerSec`, each on its own schedule from the start (a
 * late timer does not push the later calls back), without waiting for one call to finish before
 * the next; then waits for them all. `sendSeconds` is how long the calls took to start.
 */
export async function paced<T>(
  count: number,
  ratePerSec: number,
  one: (i: number) => Promise<T>,
): Promise<{ results: T[]; sendSeconds: number }> {
  const calls: Promise<T>[] = [];
  const started = Date.now();
  for (let i = 0; i < count; i += 1) {
    calls.push(one(i));
    const next = started + ((i + 1) * 1000) / ratePerSec;
    if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
  }
  const sendSeconds = (Date.now() - started) / 1000;
  return { results: await Promise.all(calls), sendSeconds };
}
