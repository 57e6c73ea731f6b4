/** Something the kit starts once the service is set up, and stops on shutdown. */
export interface Component {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/**
 * The moving parts of a deployable, by kind. The kind fixes the order: started relays first (so
 * whatever the others write reaches Kafka), then workers, consumers and jobs; stopped consumers
 * first (no new work comes in), then workers (they finish the work in hand), relays (they publish
 * what that work wrote) and jobs.
 */
export interface Parts {
  consumers?: Component[];
  workers?: Component[];
  relays?: Component[];
  jobs?: Component[];
}

export type Stage = keyof Parts;

export const startOrder: readonly Stage[] = ['relays', 'workers', 'consumers', 'jobs'];
export const stopOrder: readonly Stage[] = ['consumers', 'workers', 'relays', 'jobs'];

/**
 * Starts parts in {@link startOrder} and stops them in {@link stopOrder}. A stop that comes while
 * a part is starting waits for that start to settle, starts nothing more, and stops only what
 * did start: a SIGTERM during a slow start (Kafka joining a group) still shuts down cleanly.
 */
export class Lifecycle {
  private readonly started = new Set<Component>();
  private starting: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly parts: Parts,
    private readonly onStep: (step: { stage: Stage; action: 'start' | 'stop' }) => void = () =>
      undefined,
  ) {}

  async start(): Promise<void> {
    for (const stage of startOrder) {
      for (const component of this.parts[stage] ?? []) {
        if (this.stopping) return;
        const step = Promise.resolve().then(() => component.start());
        this.starting = step.catch(() => undefined);
        await step;
        this.started.add(component);
      }
      if ((this.parts[stage] ?? []).length > 0) this.onStep({ stage, action: 'start' });
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting;
    for (const stage of stopOrder) {
      const running = (this.parts[stage] ?? []).filter((c) => this.started.has(c));
      for (const component of running) {
        await component.stop();
        this.started.delete(component);
      }
      if (running.length > 0) this.onStep({ stage, action: 'stop' });
    }
  }
}
