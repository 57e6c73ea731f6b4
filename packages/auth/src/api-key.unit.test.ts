import { describe, expect, it } from 'vitest';
import { hashSecret, newApiKey, parseApiKey, secretMatches } from './api-key.js';

describe('API keys', () => {
  it('when a key is made, then it parses back to its id and secret', () => {
    const key = newApiKey();
    expect(key.apiKey).toMatch(/^ldr_[0-9a-f]{16}_/);
    expect(parseApiKey(key.apiKey)).toEqual({ keyId: key.keyId, secret: key.secret });
  });

  it('when two keys are made, then they differ', () => {
    expect(newApiKey().apiKey).not.toBe(newApiKey().apiKey);
  });

  it('when the secret is checked against its hash, then only the same secret matches', () => {
    const { secret } = newApiKey();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newApiKey().secret, hashSecret(secret))).toBe(false);
  });

  it('when a string is not a key, then it does not parse', () => {
    expect(parseApiKey('Bearer something')).toBeUndefined();
    expect(parseApiKey('ldr_short_secret')).toBeUndefined();
  });
});
