import { afterEach, describe, expect, it, vi } from 'vitest';
import { Readiness } from './readiness.js';

describe('Readiness', () => {
  afterEach(() => vi.useRealTimers());

  it('when not yet started, then it is not ready even if every check passes', async () => {
    const readiness = new Readiness();
    readiness.add(() => Promise.resolve());
    expect(await readiness.isReady()).toBe(false);
    readiness.markStarted();
    expect(await readiness.isReady()).toBe(true);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('connection refused'))],
    ['answers false', () => Promise.resolve(false)],
  ])('when a check %s, then it is not ready', async (_, check) => {
    const readiness = new Readiness();
    readiness.add(() => Promise.resolve());
    readiness.add(check);
    readiness.markStarted();
    expect(await readiness.isReady()).toBe(false);
  });

  it('when a check hangs, then it is not ready once the timeout passes', async () => {
    vi.useFakeTimers();
    const readiness = new Readiness(2_000);
    readiness.add(() => new Promise(() => undefined));
    readiness.markStarted();
    const answer = readiness.isReady();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await answer).toBe(false);
  });

  it('when closing, then it is not ready (no new traffic while shutting down)', async () => {
    const readiness = new Readiness();
    readiness.markStarted();
    readiness.markClosing();
    expect(await readiness.isReady()).toBe(false);
  });

  it('when passed on unbound, then it still answers', async () => {
    const readiness = new Readiness();
    readiness.markStarted();
    const { isReady } = readiness;
    expect(await isReady()).toBe(true);
  });
});
