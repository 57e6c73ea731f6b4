import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const at = new Date('2026-11-24T10:00:00Z');
  const body = '{"type":"referral.milestone"}';

  it('when the body and secret match within the tolerance, then the signature verifies', () => {
    expect(
      verifySignature(
        's3cret',
        body,
        signatureHeader('s3cret', body, at),
        new Date(at.getTime() + 60_000),
      ),
    ).toBe(true);
  });

  it('when the body was changed, signed with another secret or is too old, then it does not verify', () => {
    const header = signatureHeader('s3cret', body, at);
    expect(verifySignature('s3cret', `${body} `, header, at)).toBe(false);
    expect(verifySignature('other', body, header, at)).toBe(false);
    expect(verifySignature('s3cret', body, header, new Date(at.getTime() + 10 * 60_000))).toBe(
      false,
    );
  });
});
