import { createHash } from 'node:crypto';

/**
 * The Idempotency-Key (or Temporal update id) of one form submission: the same rendered form
 * sent twice (a double click, a retry after a timeout) gives the same key, so the service it goes
 * to does the thing once; another rendering of the form has another token and so another key.
 * Hashed so that the key says nothing of the journey; the journey and action keep two forms with
 * one token (a forged form) from sharing a key.
 */
export function submissionKey(submission: {
  referralId: string;
  action: string;
  formToken: string;
}): string {
  const digest = createHash('sha256')
    .update(`${submission.referralId}\n${submission.action}\n${submission.formToken}`)
    .digest('hex');
  return `ops-${digest.slice(0, 48)}`;
}
