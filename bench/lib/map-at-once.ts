/**
 * Runs `each` over `items`, at most `concurrency` at a time (set-up and read-back calls that would
 * swamp a shared machine all at once); the results come back in the items' order.
 */
export async function mapAtOnce<T, R>(
  items: readonly T[],
  concurrency: number,
  each: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await each(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
