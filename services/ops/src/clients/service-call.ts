import { setTimeout } from 'node:timers/promises';
import type { z } from 'zod';
import type { OperatorKeys } from './operator-keys.js';

/** What another service answered: its body, or why it did not do what was asked (safe to show). */
export type ServiceAnswer<T> = { ok: true; body: T } | { ok: false; reason: string };

/** Another Ladder service ops calls for an operator's staff, as that operator. */
export interface ServiceEndpoint {
  /** How a refusal names it: `the training service`. */
  name: string;
  baseUrl: string;
  keys: OperatorKeys;
  fetch?: typeof fetch;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

export interface ServiceRequest {
  method: 'GET' | 'POST';
  path: string;
  /** The operator the call is made as (its key); none for a public route. */
  as?: string;
  body?: unknown;
  idempotencyKey?: string;
}

/** A problem+json's words (the services never put personal data in them), or the status. */
async function reasonOf(response: Response, name: string): Promise<string> {
  if (response.status >= 500) return `${name} could not do it (${response.status})`;
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown };
    const words = typeof problem.detail === 'string' ? problem.detail : problem.title;
    if (typeof words === 'string' && words) return words;
  } catch {
    // not problem+json: the status says enough
  }
  return `${name} answered ${response.status}`;
}

/**
 * One call to another service, answered as the schema reads it (only the fields ops uses). A
 * refusal (4xx), a failure (5xx), no answer in time or no key for the operator come back as the
 * reason; an answer that breaks the contract throws.
 */
export async function callService<T>(
  endpoint: ServiceEndpoint,
  request: ServiceRequest,
  schema: z.ZodType<T>,
): Promise<ServiceAnswer<T>> {
  const apiKey = request.as === undefined ? undefined : endpoint.keys(request.as);
  if (request.as !== undefined && apiKey === undefined)
    return { ok: false, reason: `ops holds no API key of your organisation for ${endpoint.name}` };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  const send = () =>
    (endpoint.fetch ?? fetch)(new URL(request.path, endpoint.baseUrl), {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 5_000),
    });
  let response: Response;
  try {
    response = await send();
    // A double submit: the first request with this key is still being handled. Its answer is
    // the one to show, so wait for it rather than show the second as refused.
    for (let retry = 1; retry <= inFlightRetries && (await isInFlight(response)); retry += 1) {
      await setTimeout(inFlightWaitMs * retry);
      response = await send();
    }
  } catch {
    return { ok: false, reason: `${endpoint.name} did not answer` };
  }
  if (!response.ok) return { ok: false, reason: await reasonOf(response, endpoint.name) };
  return { ok: true, body: schema.parse(await response.json()) };
}

const inFlightRetries = 6;
const inFlightWaitMs = 100;

/** The service is still handling an earlier request with the same Idempotency-Key (409). */
async function isInFlight(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  const problem = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { code?: unknown };
  return problem.code === 'idempotency-key-in-flight';
}
