import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('when many ids are made, more than one pool of random bytes holds, then each is a distinct uuid v7', () => {
    const ids = Array.from({ length: 1000 }, () => timeOrderedId());
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect(new Set(ids).size).toBe(ids.length);
    // The random part (after the 48-bit time) differs too, not only the time.
    expect(new Set(ids.map((id) => id.slice(15))).size).toBe(ids.length);
  });

  it('when an id is made a few milliseconds after another, then it sorts after it', async () => {
    const first = timeOrderedId();
    await sleep(3);
    const second = timeOrderedId();
    expect(second > first).toBe(true);
    expect(Number.parseInt(second.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThan(
      Date.now() - 1000,
    );
  });
});
