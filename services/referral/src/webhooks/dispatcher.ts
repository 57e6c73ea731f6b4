import { request, type Agent } from 'undici';
import type { Pool } from '@ladder/db';
import type { Logger } from '@ladder/logger';
import { open, type KeyRing } from '@ladder/crypto';
import { claimDueDeliveries, recordAttempt, type SealedSecret } from '../db/webhooks.repository.js';
import { checkDestination, type DestinationPolicy } from './destination-guard.js';
import { guardedAgent } from './guarded-agent.js';
import { signatureHeader } from './signature.js';

export interface DispatcherOptions {
  pool: Pool;
  ring: KeyRing;
  logger: Logger;
  /** Where deliveries may go: checked again before every delivery and on its connection. */
  destinations: DestinationPolicy;
  /** Waits before attempts 2, 3, ...; after the last, a delivery is marked failed. */
  retryDelaysSeconds?: readonly number[];
  pollIntervalMs?: number;
  timeoutMs?: number;
}

const defaultRetryDelays = [10, 30, 60, 300, 900, 3600, 10_800, 21_600];

export function openSecret(ring: KeyRing, subscriptionId: string, secret: SealedSecret): string {
  const key = ring.keys.get(secret.keyId);
  if (!key) throw new Error(`master key ${secret.keyId} is not configured`);
  return open(key, secret.sealed, `webhook:${subscriptionId}`).toString();
}

/**
 * Delivers queued webhook deliveries, signed, retrying with backoff. Deliveries are queued in the
 * same transaction as the milestone they announce, so none is lost; a crash mid-delivery sends it
 * again (receivers dedupe on `deliveryId`).
 */
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly retryDelays: readonly number[];
  private readonly agent: Agent;

  constructor(private readonly options: DispatcherOptions) {
    this.retryDelays = options.retryDelaysSeconds ?? defaultRetryDelays;
    this.agent = guardedAgent(options.destinations);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.agent.close();
  }

  /** Sends every due delivery once; returns how many were attempted. */
  async dispatchDue(limit = 50): Promise<number> {
    const tx = this.options.pool;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const due = await claimDueDeliveries(tx, limit, Math.ceil(timeoutMs / 1000) + 30);
    await Promise.all(
      due.map(async (delivery) => {
        const body = JSON.stringify(delivery.payload);
        const retryInSeconds = this.retryDelays[delivery.attempts];
        const destination = await checkDestination(
          new URL(delivery.url),
          this.options.destinations,
        );
        if (!destination.ok) {
          // A refused address class will not change by waiting; a name that fails to resolve may.
          const retry = destination.reason === 'unresolvable' ? retryInSeconds : undefined;
          await recordAttempt(tx, delivery.id, {
            delivered: false,
            error: `refused: ${destination.message}`,
            ...(retry === undefined ? {} : { retryInSeconds: retry }),
          });
          return;
        }
        try {
          const response = await request(delivery.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'ladder-delivery-id': delivery.id,
              'ladder-signature': signatureHeader(
                openSecret(this.options.ring, delivery.subscriptionId, delivery.secret),
                body,
                new Date(),
              ),
            },
            body,
            dispatcher: this.agent,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body.dump();
          const delivered = response.statusCode >= 200 && response.statusCode < 300;
          await recordAttempt(tx, delivery.id, {
            delivered,
            responseStatus: response.statusCode,
            ...(delivered
              ? {}
              : {
                  error: `HTTP ${response.statusCode}`,
                  ...(retryInSeconds === undefined ? {} : { retryInSeconds }),
                }),
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await recordAttempt(tx, delivery.id, {
            delivered: false,
            error: message.slice(0, 300),
            ...(retryInSeconds === undefined ? {} : { retryInSeconds }),
          });
        }
      }),
    );
    return due.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const attempted = await this.dispatchDue().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'webhook dispatch failed; will retry');
        return 0;
      });
      if (attempted === 0)
        await new Promise((r) => setTimeout(r, this.options.pollIntervalMs ?? 1_000));
    }
  }
}
