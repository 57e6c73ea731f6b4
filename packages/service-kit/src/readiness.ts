/** A check that rejects (or resolves false) while a dependency cannot be used. */
export type ReadinessCheck = () => Promise<unknown>;

/**
 * Whether the deployable should be sent traffic: everything started, not shutting down, and every
 * check (each pool's `select 1`, the service's own) answering within `timeoutMs`.
 */
export class Readiness {
  private readonly checks: ReadinessCheck[] = [];
  private started = false;
  private closing = false;

  constructor(private readonly timeoutMs = 2_000) {}

  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  markStarted(): void {
    this.started = true;
  }

  markClosing(): void {
    this.closing = true;
  }

  /** Bound to the instance, so it can be passed on as it is (`isReady: kit.isReady`). */
  readonly isReady = async (): Promise<boolean> => {
    if (!this.started || this.closing) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const all = Promise.all(this.checks.map((check) => check())).then(
      (results) => results.every((r) => r !== false),
      () => false,
    );
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
