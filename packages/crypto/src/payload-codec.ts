import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { openWithRing, sealWithRing, type KeyRing } from './key-ring.js';

const encoding = 'binary/encrypted';
const text = new TextEncoder();
const fromText = new TextDecoder();

/**
 * Encrypts every payload (workflow inputs, signals, results, activity arguments) with AES-256-GCM
 * before it reaches Temporal, so history holds no readable personal data. The key id travels in
 * the payload's metadata: keys rotate by putting a new one first in the ring; old payloads still
 * open with the key they name.
 */
export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const { keyId, sealed } = sealWithRing(
          this.ring,
          Buffer.from(proto.temporal.api.common.v1.Payload.encode(payload).finish()),
          encoding,
        );
        return {
          metadata: { encoding: text.encode(encoding), 'encryption-key-id': text.encode(keyId) },
          data: sealed,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // then(): a payload that cannot be opened rejects the promise instead of throwing.
    return Promise.resolve().then(() =>
      payloads.map((payload) => {
        if (fromText.decode(payload.metadata?.encoding) !== encoding) return payload;
        const keyId = fromText.decode(payload.metadata?.['encryption-key-id']);
        return proto.temporal.api.common.v1.Payload.decode(
          openWithRing(this.ring, { keyId, sealed: Buffer.from(payload.data ?? []) }, encoding),
        );
      }),
    );
  }
}
