import type { PoolClient } from '@ladder/db';

/**
 * Counts an event as handled when the transaction its handler ran in commits (the runner's own
 * `commit`), not when the handler returns: a batch that rolls back and is retried is counted once,
 * at its real commit.
 */
export class HandledTracker {
  /** seq -> ms from occurredAt to commit */
  readonly latencyMs = new Map<number, number>();
  lastHandledAt = 0;
  private readonly pending = new Map<PoolClient, { seq: number; occurredAt: number }[]>();
  private readonly patched = new WeakSet<PoolClient>();
  private waiter: { count: number; resolve: (at: number) => void } | undefined;

  record(tx: PoolClient, seq: number, occurredAt: string): void {
    this.patch(tx);
    const list = this.pending.get(tx) ?? [];
    list.push({ seq, occurredAt: Date.parse(occurredAt) });
    this.pending.set(tx, list);
  }

  get handled(): number {
    return this.latencyMs.size;
  }

  /** Resolves with the performance.now() of the commit that made `count` events handled. */
  whenHandled(count: number): Promise<number> {
    if (this.handled >= count) return Promise.resolve(this.lastHandledAt);
    return new Promise((resolve) => (this.waiter = { count, resolve }));
  }

  private patch(tx: PoolClient): void {
    if (this.patched.has(tx)) return;
    this.patched.add(tx);
    const query = tx.query.bind(tx) as (...args: unknown[]) => unknown;
    (tx as { query: unknown }).query = (...args: unknown[]): unknown => {
      const result = query(...args);
      if (args[0] === 'commit' && result instanceof Promise) {
        result.then(
          () => this.committed(tx),
          () => this.pending.delete(tx),
        );
      } else if (args[0] === 'rollback') this.pending.delete(tx);
      return result;
    };
  }

  private committed(tx: PoolClient): void {
    const list = this.pending.get(tx);
    this.pending.delete(tx);
    if (!list) return;
    const now = Date.now();
    for (const { seq, occurredAt } of list) this.latencyMs.set(seq, now - occurredAt);
    this.lastHandledAt = performance.now();
    if (this.waiter && this.handled >= this.waiter.count) {
      this.waiter.resolve(this.lastHandledAt);
      this.waiter = undefined;
    }
  }
}
