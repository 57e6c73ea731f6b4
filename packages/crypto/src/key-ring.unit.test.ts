import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keyRingEnv } from './key-ring-env.js';
import { openWithRing, parseKeyRing, sealWithRing } from './key-ring.js';

const key = (): string => randomBytes(32).toString('base64');

describe('sealing with a key ring', () => {
  it('when a value is sealed, then it names the current key and opens again only in its context', () => {
    const ring = parseKeyRing(`k2:${key()},k1:${key()}`);
    const value = sealWithRing(ring, Buffer.from('LU neet'), 'profile:r-1');
    expect(value.keyId).toBe('k2');
    expect(value.sealed.toString('latin1')).not.toContain('neet');
    expect(openWithRing(ring, value, 'profile:r-1').toString()).toBe('LU neet');
    expect(() => openWithRing(ring, value, 'profile:r-2')).toThrow();
  });

  it('when the key it names has left the ring, then opening fails naming the key id only', () => {
    const k1 = key();
    const value = sealWithRing(parseKeyRing(`k1:${k1}`), Buffer.from('x'), 'c');
    expect(openWithRing(parseKeyRing(`k2:${key()},k1:${k1}`), value, 'c').toString()).toBe('x');
    expect(() => openWithRing(parseKeyRing(`k2:${key()}`), value, 'c')).toThrow(/"k1"/);
  });
});

describe('keyRingEnv', () => {
  const schema = z.object({ REPORTING_KEYS: keyRingEnv() });

  it('when the variable holds a ring, then it is parsed newest first', () => {
    const parsed = schema.parse({ REPORTING_KEYS: `r2:${key()},r1:${key()}` });
    expect(parsed.REPORTING_KEYS.currentId).toBe('r2');
    expect([...parsed.REPORTING_KEYS.keys.keys()]).toEqual(['r2', 'r1']);
  });

  it('when a key is not 32 bytes, then the issue names the variable and not the key', () => {
    const short = Buffer.from('too short').toString('base64');
    const result = schema.safeParse({ REPORTING_KEYS: `r1:${short}` });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['REPORTING_KEYS']);
    expect(result.error?.issues[0]?.message).not.toContain(short);
  });
});
