import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `ldr_<key id>_<secret>`: the id finds the stored hash, the secret (256 random bits) proves
 * possession. A recognisable prefix lets secret scanners find leaked keys.
 */
const keyPattern = /^ldr_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { keyId: string; secret: string; apiKey: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, apiKey: `ldr_${keyId}_${secret}` };
}

export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = keyPattern.exec(presented);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

/** SHA-256 is enough for 256-bit random secrets (nothing to brute-force), and fast on every request. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
