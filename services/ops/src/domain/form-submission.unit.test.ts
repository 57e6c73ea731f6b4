import { describe, expect, it } from 'vitest';
import { submissionKey } from './form-submission.js';

const referralId = '7d4f9a52-3f0e-4a61-9d6b-2c8e1f7a0b13';
const formToken = 'b0d7c1e2-5a44-4f3b-8e19-6a2d0c9f4e71';

describe('submissionKey', () => {
  it('when the same form is sent twice, then both have the same key, one the idempotency header takes', () => {
    const key = submissionKey({ referralId, action: 'request-training-place', formToken });
    expect(submissionKey({ referralId, action: 'request-training-place', formToken })).toBe(key);
    expect(key).toMatch(/^[A-Za-z0-9._:-]{8,200}$/);
    expect(key).not.toContain(referralId);
  });

  it('when the token, the action or the journey differ, then so does the key', () => {
    const key = submissionKey({ referralId, action: 'propose-placement', formToken });
    expect(
      new Set([
        key,
        submissionKey({ referralId, action: 'request-training-place', formToken }),
        submissionKey({ referralId, action: 'propose-placement', formToken: `${formToken}x` }),
        submissionKey({
          referralId: referralId.replace('7', '8'),
          action: 'propose-placement',
          formToken,
        }),
      ]).size,
    ).toBe(4);
  });
});
