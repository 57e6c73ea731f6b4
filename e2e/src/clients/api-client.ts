import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';

/** A refusal from a service: its status and RFC 9457 problem body. */
export class ApiProblem extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly problem: Record<string, unknown>,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(problem)}`);
    this.name = 'ApiProblem';
  }

  /** The problem's `code`, where the service gives one (`unknown-programme`, ...). */
  get code(): string | undefined {
    return typeof this.problem.code === 'string' ? this.problem.code : undefined;
  }
}

export interface CallOptions {
  body?: unknown;
  /** A creating POST: sent with a fresh Idempotency-Key, the same on every retry. */
  idempotent?: boolean;
  /**
   * The training and employer services keep copies of the referral service's programmes and
   * participants, filled from its events: for a moment after a referral or a new programme they
   * refuse what they have not heard of yet (422 `unknown-programme`,
   * `participant-not-in-programme`). Such a call is retried until they have, as an integrator's
   * client would; anything else is thrown at once.
   */
  untilKnown?: boolean;
}

/** What a service answered, as it came: for asserting refusals. */
export interface RawAnswer {
  status: number;
  body: unknown;
  /** Seconds to wait before trying again, when the service said (`Retry-After` of a 429). */
  retryAfter?: number;
}

const copyLagCodes = new Set(['unknown-programme', 'participant-not-in-programme']);
const copyLagLimitMs = 60_000;
/** How long a call waits out an organisation's rate limit (each wait as long as it is told). */
const rateLimitPatienceMs = 180_000;

/** JSON over HTTP to one service with one API key; answers checked against a zod schema. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.infer<S>> {
    const idempotencyKey = options.idempotent ? randomUUID() : undefined;
    const began = Date.now();
    for (;;) {
      const answer = await this.send(method, path, options.body, idempotencyKey);
      if (answer.status < 300) return schema.parse(answer.body);
      const refusal = new ApiProblem(`${method} ${path}`, answer.status, asRecord(answer.body));
      // Over the organisation's rate limit nothing was done: wait as told, as a client should.
      if (answer.status === 429 && Date.now() - began < rateLimitPatienceMs) {
        await sleep((answer.retryAfter ?? 1) * 1000);
        continue;
      }
      const lagging = answer.status === 422 && copyLagCodes.has(refusal.code ?? '');
      if (!(options.untilKnown && lagging && Date.now() - began < copyLagLimitMs)) throw refusal;
      await sleep(250);
    }
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<RawAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      status: response.status,
      body: json && text !== '' ? JSON.parse(text) : text,
      ...(retryAfter > 0 ? { retryAfter } : {}),
    };
  }
}

function asRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { body };
}
