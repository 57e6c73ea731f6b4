import { rowColumns, rowInsert, type Queryable, type Statement } from '@ladder/db';
import type { Milestone, ReferralRow } from './referrals.repository.js';

/** A webhook's signing secret, sealed with a master key (kept for signing, never shown again). */
export interface SealedSecret {
  keyId: string;
  sealed: Buffer;
}

export interface WebhookSubscription {
  id: string;
  organisationId: string;
  url: string;
  active: boolean;
  createdAt: string;
}

interface SubscriptionRow {
  id: string;
  organisation_id: string;
  url: string;
  active: boolean;
  created_at: Date;
  secret_master_key_id: string;
  secret_sealed: Buffer;
}

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  organisationId: r.organisation_id,
  url: r.url,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});

export async function insertSubscription(
  db: Queryable,
  s: { id: string; organisationId: string; url: string; secret: SealedSecret },
): Promise<WebhookSubscription> {
  const { rows } = await db.query<SubscriptionRow>(
    `insert into webhook_subscriptions (id, organisation_id, url, secret_master_key_id, secret_sealed)
     values ($1, $2, $3, $4, $5) returning *`,
    [s.id, s.organisationId, s.url, s.secret.keyId, s.secret.sealed],
  );
  return toSubscription(rows[0]!);
}

export async function listSubscriptions(
  db: Queryable,
  organisationId: string,
): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    'select * from webhook_subscriptions where organisation_id = $1 order by created_at',
    [organisationId],
  );
  return rows.map(toSubscription);
}

export async function findSubscription(
  db: Queryable,
  id: string,
): Promise<WebhookSubscription | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    'select * from webhook_subscriptions where id = $1',
    [id],
  );
  return rows[0] && toSubscription(rows[0]);
}

export async function deactivateSubscription(db: Queryable, id: string): Promise<void> {
  await db.query('update webhook_subscriptions set active = false where id = $1', [id]);
}

/** What a referrer's webhook receives for one milestone of a referral. */
export function deliveryPayload(
  referral: Pick<ReferralRow, 'id' | 'participant_id' | 'programme_id'>,
  milestone: Milestone,
  status: string,
) {
  return {
    type: 'referral.milestone',
    referralId: referral.id,
    participantId: referral.participant_id,
    programmeId: referral.programme_id,
    status,
    milestone: {
      code: milestone.code,
      occurredAt: milestone.occurredAt,
      detail: milestone.detail,
    },
  };
}

/** A payload to deliver to every active webhook of the referrer. */
export interface NewDelivery {
  referralId: string;
  organisationId: string;
  payload: Record<string, unknown>;
}

/**
 * The deliveries' insert, defined once for every statement that queues them: one row per payload
 * and active subscription of its referrer, in the payloads' order, each payload carrying its
 * delivery's id.
 */
export const deliveryRows = rowInsert(
  rowColumns<NewDelivery>([
    { name: 'referral_id', type: 'uuid', value: (d) => d.referralId },
    { name: 'organisation_id', type: 'text', value: (d) => d.organisationId },
    { name: 'payload', type: 'jsonb', encoding: 'json', value: (d) => d.payload },
  ]),
  (relation) => `insert into webhook_deliveries (id, subscription_id, referral_id, payload)
     select d.id, d.subscription_id, d.referral_id, d.payload || jsonb_build_object('deliveryId', d.id)
     from (select gen_random_uuid() as id, s.id as subscription_id, p.referral_id, p.payload, p.n
           from (select * from ${relation}) p
           join webhook_subscriptions s on s.organisation_id = p.organisation_id and s.active) d
     order by d.n`,
);

/**
 * Queues one delivery per payload and active subscription of the referrer: one statement however
 * many there are.
 */
export function enqueueDeliveriesStatement(
  organisationId: string,
  referralId: string,
  payloads: Record<string, unknown>[],
): Statement {
  return deliveryRows.statement(
    payloads.map((payload) => ({ referralId, organisationId, payload })),
  );
}

/** Queues deliveries in the caller's transaction (see enqueueDeliveriesStatement). */
export async function enqueueDeliveries(
  db: Queryable,
  organisationId: string,
  referralId: string,
  payloads: Record<string, unknown>[],
): Promise<void> {
  if (payloads.length === 0) return;
  await db.query(enqueueDeliveriesStatement(organisationId, referralId, payloads));
}

export interface Delivery {
  id: string;
  subscriptionId: string;
  referralId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: Record<string, unknown>;
  /** How often a referrer asked for it to be sent again, and when last. */
  redeliveries: number;
  lastRedeliveryAt: string | null;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  referral_id: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: Date;
  last_response_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  payload: Record<string, unknown>;
  redeliveries: number;
  last_redelivery_at: Date | null;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  referralId: r.referral_id,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at.toISOString(),
  lastResponseStatus: r.last_response_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  payload: r.payload,
  redeliveries: r.redeliveries,
  lastRedeliveryAt: r.last_redelivery_at?.toISOString() ?? null,
});

export async function listDeliveries(
  db: Queryable,
  subscriptionId: string,
  limit = 100,
): Promise<Delivery[]> {
  const { rows } = await db.query<DeliveryRow>(
    'select * from webhook_deliveries where subscription_id = $1 order by created_at desc limit $2',
    [subscriptionId, limit],
  );
  return rows.map(toDelivery);
}

/**
 * Claims due deliveries by pushing their next attempt a lease into the future, in one short
 * statement: several dispatchers share the work (`skip locked`), no transaction stays open while
 * a receiver is slow, and a dispatcher that dies mid-delivery leaves it due again after the lease.
 */
export async function claimDueDeliveries(
  db: Queryable,
  limit: number,
  leaseSeconds: number,
): Promise<(Delivery & { url: string; secret: SealedSecret })[]> {
  const { rows } = await db.query<
    DeliveryRow & { url: string; secret_master_key_id: string; secret_sealed: Buffer }
  >(
    `with due as (
       select id from webhook_deliveries where status = 'pending' and next_attempt_at <= now()
       order by next_attempt_at limit $1 for update skip locked)
     update webhook_deliveries d set next_attempt_at = now() + make_interval(secs => $2)
     from due, webhook_subscriptions s where d.id = due.id and s.id = d.subscription_id
     returning d.*, s.url, s.secret_master_key_id, s.secret_sealed`,
    [limit, leaseSeconds],
  );
  return rows.map((r) => ({
    ...toDelivery(r),
    url: r.url,
    secret: { keyId: r.secret_master_key_id, sealed: r.secret_sealed },
  }));
}

export async function recordAttempt(
  db: Queryable,
  id: string,
  result: { delivered: boolean; responseStatus?: number; error?: string; retryInSeconds?: number },
): Promise<void> {
  const status = result.delivered
    ? 'delivered'
    : result.retryInSeconds === undefined
      ? 'failed'
      : 'pending';
  await db.query(
    `update webhook_deliveries set attempts = attempts + 1, status = $2, last_response_status = $3, last_error = $4,
       delivered_at = case when $2 = 'delivered' then now() else null end,
       next_attempt_at = now() + make_interval(secs => coalesce($5, 0))
     where id = $1`,
    [
      id,
      status,
      result.responseStatus ?? null,
      result.error ?? null,
      result.retryInSeconds ?? null,
    ],
  );
}

/** What asking to send failed deliveries again does: due now, with the retry schedule afresh. */
const redeliverSet = `status = 'pending', attempts = 0, next_attempt_at = now(),
  redeliveries = redeliveries + 1, last_redelivery_at = now()`;

/** Sends one failed delivery of a subscription again; undefined if it is not a failed one. */
export async function redeliverOne(
  db: Queryable,
  subscriptionId: string,
  deliveryId: string,
): Promise<Delivery | undefined> {
  const { rows } = await db.query<DeliveryRow>(
    `update webhook_deliveries set ${redeliverSet}
     where id = $1 and subscription_id = $2 and status = 'failed' returning *`,
    [deliveryId, subscriptionId],
  );
  return rows[0] && toDelivery(rows[0]);
}

/** Sends every failed delivery of a subscription created since `since` again; returns their ids. */
export async function redeliverFailedSince(
  db: Queryable,
  subscriptionId: string,
  since: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update webhook_deliveries set ${redeliverSet}
     where subscription_id = $1 and status = 'failed' and created_at >= $2 returning id`,
    [subscriptionId, since],
  );
  return rows.map((r) => r.id);
}

export async function findDelivery(
  db: Queryable,
  subscriptionId: string,
  deliveryId: string,
): Promise<Delivery | undefined> {
  const { rows } = await db.query<DeliveryRow>(
    'select * from webhook_deliveries where id = $1 and subscription_id = $2',
    [deliveryId, subscriptionId],
  );
  return rows[0] && toDelivery(rows[0]);
}
