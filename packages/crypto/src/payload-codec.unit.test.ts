import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { parseKeyRing } from './key-ring.js';
import { AesGcmCodec } from './payload-codec.js';

const key = (): string => randomBytes(32).toString('base64');

describe('AesGcmCodec', () => {
  const input = { referralId: 'r-1', note: 'QQ123456C Sam Example' };
  const payload = defaultPayloadConverter.toPayload(input);

  it('when a payload is encoded and decoded, then it comes back unchanged', async () => {
    const codec = new AesGcmCodec(parseKeyRing(`k1:${key()}`));
    const [decoded] = await codec.decode(await codec.encode([payload]));
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(input);
  });

  it('when encoded, then nothing readable is left, and the key id is in the metadata', async () => {
    const [encoded] = await new AesGcmCodec(parseKeyRing(`k1:${key()}`)).encode([payload]);
    expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('QQ123456C');
    expect(new TextDecoder().decode(encoded!.metadata!['encryption-key-id'])).toBe('k1');
  });

  it('when keys rotate, then old payloads still decode with the old key and new ones use the new key', async () => {
    const k1 = key();
    const old = await new AesGcmCodec(parseKeyRing(`k1:${k1}`)).encode([payload]);
    const rotated = new AesGcmCodec(parseKeyRing(`k2:${key()},k1:${k1}`));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode(old))[0]!)).toEqual(input);
    const [fresh] = await rotated.encode([payload]);
    expect(new TextDecoder().decode(fresh!.metadata!['encryption-key-id'])).toBe('k2');
  });

  it('when the key a payload names is gone, then decoding fails rather than guessing', async () => {
    const old = await new AesGcmCodec(parseKeyRing(`k1:${key()}`)).encode([payload]);
    await expect(new AesGcmCodec(parseKeyRing(`k2:${key()}`)).decode(old)).rejects.toThrow(/k1/);
  });
});
