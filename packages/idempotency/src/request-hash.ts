import { createHash } from 'node:crypto';

/**
 * The fingerprint of a request under a key: SHA-256 of its canonical JSON (object keys sorted), so
 * that key order in a retried body does not matter. Hash what identifies the request (its body,
 * and the path's ids where the path names the resource).
 */
export function requestHash(request: unknown): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('base64url');
}
