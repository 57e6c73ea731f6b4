import { describe, expect, it, vi } from 'vitest';
import { Lifecycle, type Component, type Parts, type Stage } from './lifecycle.js';

/** A part that records when it starts and stops; its start waits for `release` when asked to. */
function part(name: string, log: string[], options: { holdStart?: Promise<void> } = {}): Component {
  return {
    start: async () => {
      log.push(`start ${name}`);
      await options.holdStart;
      log.push(`started ${name}`);
    },
    stop: () => {
      log.push(`stop ${name}`);
    },
  };
}

const kinds: Stage[] = ['consumers', 'workers', 'relays', 'jobs'];

function oneOfEach(log: string[]): Parts {
  return Object.fromEntries(kinds.map((k) => [k, [part(k, log)]]));
}

describe('Lifecycle', () => {
  it('when started and stopped, then relays start first and consumers stop first', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle(oneOfEach(log));
    await lifecycle.start();
    await lifecycle.stop();
    expect(log.filter((l) => !l.startsWith('started'))).toEqual([
      'start relays',
      'start workers',
      'start consumers',
      'start jobs',
      'stop consumers',
      'stop workers',
      'stop relays',
      'stop jobs',
    ]);
  });

  it('when stopped while a part is starting, then it waits for that start, starts nothing more and stops only what started', async () => {
    const log: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lifecycle = new Lifecycle({
      relays: [part('relay', log)],
      workers: [part('worker', log, { holdStart: held })],
      consumers: [part('consumer', log)],
    });
    const starting = lifecycle.start();
    await vi.waitFor(() => expect(log).toContain('start worker'));
    const stopping = lifecycle.stop();
    release();
    await Promise.all([starting, stopping]);
    expect(log).toEqual([
      'start relay',
      'started relay',
      'start worker',
      'started worker',
      'stop worker',
      'stop relay',
    ]);
  });

  it('when a part fails to start, then start rejects and stop still stops what started', async () => {
    const log: string[] = [];
    const failing: Component = {
      start: () => Promise.reject(new Error('no broker')),
      stop: () => {
        log.push('stop failing');
      },
    };
    const lifecycle = new Lifecycle({ relays: [part('relay', log)], consumers: [failing] });
    await expect(lifecycle.start()).rejects.toThrow('no broker');
    await lifecycle.stop();
    expect(log).toEqual(['start relay', 'started relay', 'stop relay']);
  });

  it('when a kind has no parts, then the others still run in order', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle({ consumers: [part('c', log)], jobs: [part('j', log)] });
    await lifecycle.start();
    await lifecycle.stop();
    expect(log).toEqual(['start c', 'started c', 'start j', 'started j', 'stop c', 'stop j']);
  });
});
