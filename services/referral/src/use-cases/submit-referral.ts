import type { KeyObject } from 'node:crypto';
import { runTogether, withTransaction } from '@ladder/db';
import { createEnvelope, referralSubmittedV3, timeOrderedId, topics } from '@ladder/events';
import { personMatchKey } from '../crypto/person-matching.js';
import { claimIdempotencyKey, requestHash } from '@ladder/idempotency';
import type { Programme } from '../db/programmes.repository.js';
import { acceptedReferralStatements, type AcceptedReferral } from '../db/referral-rows.js';
import {
  findActiveReferral,
  findPerson,
  lockPerson,
  type NewReferral,
} from '../db/referrals.repository.js';
import { decideEligibility } from '../domain/eligibility.js';
import type { ReferralRequest } from '../domain/referral-request.js';
import type { ReferralDeps } from './deps.js';
import { serviceName } from './deps.js';
import { reportingProfileShared } from './reporting-profile.js';
import { personalDataContext, referralSummary, type PersonalData } from './referral-view.js';

export interface SubmitContext {
  organisationId: string;
  idempotencyKey: string;
  /** The request body exactly as received: the same key with a different body is refused. */
  rawBody: unknown;
  correlationId: string;
  traceparent?: string;
}

export type SubmitResult =
  | { kind: 'created' | 'replayed'; status: number; body: unknown }
  | { kind: 'in-flight' }
  | { kind: 'key-reused' }
  | { kind: 'unknown-programme' }
  | { kind: 'duplicate'; existingReferralId: string };

const uniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

/**
 * Accepts a referral: decides eligibility, refuses a person already active in the programme, and
 * stores the referral (personal data encrypted), its milestones, the ReferralSubmitted event and
 * the Idempotency-Key's response atomically.
 *
 * The usual submission (a new key, a person never referred before) is written together with the
 * others arriving at the same time, in one statement and commit (FirstReferralWriter). Any other
 * is handled in a transaction that looks the key and the person up first.
 */
export async function submitReferral(
  deps: ReferralDeps,
  request: ReferralRequest,
  ctx: SubmitContext,
): Promise<SubmitResult> {
  const hash = requestHash(ctx.rawBody);
  const matchKey = personMatchKey(deps.matchingKey, request.person);
  return (
    (await submitFirstReferral(deps, request, ctx, { hash, matchKey })) ??
    (await submitInTransaction(deps, request, ctx, { hash, matchKey }))
  );
}

interface Keys {
  /** Of the request body, to tell a retry from a reused Idempotency-Key. */
  hash: string;
  /** The person's keyed hash (see personMatchKey), to find them in earlier referrals. */
  matchKey: string;
}

/**
 * A new person with a new key, written with the other first referrals arriving at the same time
 * (see FirstReferralWriter); undefined when that did not write it.
 */
async function submitFirstReferral(
  deps: ReferralDeps,
  request: ReferralRequest,
  ctx: SubmitContext,
  keys: Keys,
): Promise<SubmitResult | undefined> {
  const programme = await deps.programmes(deps.pool, request.programmeId);
  if (!programme) return undefined;
  const participantId = timeOrderedId();
  const newKey = deps.vault.newDataKey(participantId);
  const newDataKey = { masterKeyId: newKey.masterKeyId, wrapped: newKey.wrapped };
  const { accepted, body } = referralRecord(deps, request, ctx, {
    ...keys,
    programme,
    participantId,
    dataKey: newKey.key,
  });
  try {
    const written = await deps.firstReferrals.write({ ...accepted, newDataKey });
    return written ? { kind: 'created', status: 201, body } : undefined;
  } catch (error) {
    // The key or the person was stored by a request that committed after the statement began:
    // the transaction sees it.
    if (uniqueViolation(error)) return undefined;
    throw error;
  }
}

/** Any submission, in a transaction that claims the key and looks the person up first. */
async function submitInTransaction(
  deps: ReferralDeps,
  request: ReferralRequest,
  ctx: SubmitContext,
  keys: Keys,
): Promise<SubmitResult> {
  try {
    return await withTransaction(deps.pool, async (tx) => {
      const { locked, stored } = await claimIdempotencyKey(
        tx,
        ctx.organisationId,
        ctx.idempotencyKey,
      );
      if (!locked) return { kind: 'in-flight' } as const;
      if (stored) {
        return stored.requestHash === keys.hash
          ? ({ kind: 'replayed', status: stored.status, body: stored.body } as const)
          : ({ kind: 'key-reused' } as const);
      }
      const programme = await deps.programmes(tx, request.programmeId);
      if (!programme) return { kind: 'unknown-programme' } as const;
      await lockPerson(tx, keys.matchKey); // then the look-up sees any submission of theirs before
      const person = await findPerson(tx, programme.id, keys.matchKey);
      if (person.activeReferralId)
        return { kind: 'duplicate', existingReferralId: person.activeReferralId } as const;

      // A participant seen before keeps their id and key; a new one's key is stored with the referral.
      const participantId = person.participantId ?? timeOrderedId();
      const newKey = person.participantId ? undefined : deps.vault.newDataKey(participantId);
      const dataKey = newKey?.key ?? (await deps.vault.dataKey(tx, participantId));
      const { accepted, body } = referralRecord(deps, request, ctx, {
        ...keys,
        programme,
        participantId,
        dataKey,
      });
      const statements = acceptedReferralStatements({
        ...accepted,
        ...(newKey
          ? { newDataKey: { masterKeyId: newKey.masterKeyId, wrapped: newKey.wrapped } }
          : {}),
      });
      // It comes in two shapes (with a new participant's key or without), each prepared once per
      // connection.
      await runTogether(tx, statements, { prepare: true });
      return { kind: 'created', status: 201, body } as const;
    });
  } catch (error) {
    // Two referrals of one person raced past the check: the unique index let one in.
    if (!uniqueViolation(error)) throw error;
    const existing = await findActiveReferral(deps.pool, request.programmeId, keys.matchKey);
    if (!existing) throw error;
    return { kind: 'duplicate', existingReferralId: existing };
  }
}

/** What an accepted submission stores (all but a new participant's key), and the response's body. */
interface ReferralRecord {
  accepted: AcceptedReferral;
  body: ReturnType<typeof referralSummary>;
}

/**
 * An accepted submission: the referral (eligibility decided, personal data encrypted), its first
 * milestones, the ReferralSubmitted event and the Idempotency-Key's response.
 */
function referralRecord(
  deps: ReferralDeps,
  request: ReferralRequest,
  ctx: SubmitContext,
  w: Keys & { programme: Programme; participantId: string; dataKey: KeyObject },
): ReferralRecord {
  const { programme, participantId } = w;
  const now = deps.now();
  const eligibility = decideEligibility(request, programme.rules, now);
  // Time-ordered ids (v7): the tables keyed by them grow at one end of their indexes.
  const id = timeOrderedId();
  const personal: PersonalData = {
    person: request.person,
    priorityGroups: request.priorityGroups,
    reasonableAdjustments: request.reasonableAdjustments,
    workCoach: request.workCoach,
    ...(request.notes === undefined ? {} : { notes: request.notes }),
  };
  const row: NewReferral = {
    id,
    participant_id: participantId,
    referrer_organisation_id: ctx.organisationId,
    programme_id: programme.id,
    programme_version: programme.version,
    person_match_key: w.matchKey,
    personal_data: deps.vault.encrypt(w.dataKey, personal, personalDataContext(id)),
    consent: request.consent,
    eligibility,
    status: eligibility.decision === 'eligible' ? 'accepted' : 'not-eligible',
    active: eligibility.decision === 'eligible',
  };
  const envelopeContext = {
    source: serviceName,
    correlationId: ctx.correlationId,
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  };
  const submitted = createEnvelope(
    referralSubmittedV3,
    {
      referralId: id,
      participantId,
      programmeId: programme.id,
      programmeVersion: programme.version,
      referrerOrganisationId: ctx.organisationId,
      eligibility,
      deadlines: programme.rules.deadlines,
      bankHolidayRegion: programme.rules.bankHolidayRegion,
      submittedAt: now.toISOString(),
    },
    { ...envelopeContext, subject: participantId },
  );
  // Not consented: the profile stays here, and the report counts the person as not shared.
  const profileShared = reportingProfileShared(
    deps.reportingKeys,
    {
      referralId: id,
      participantId,
      programmeId: programme.id,
      consent: request.consent,
      postcode: request.person.postcode,
      priorityGroups: request.priorityGroups,
    },
    now,
    envelopeContext,
  );
  const body = referralSummary({ ...row, created_at: now });
  return {
    accepted: {
      referral: row,
      milestones: [
        { code: 'referral-received', occurredAt: now.toISOString(), detail: {} },
        {
          code: `referral-${row.status}`,
          occurredAt: now.toISOString(),
          detail: { ...eligibility },
        },
      ],
      events: [
        { topic: topics.referrals.name, envelope: submitted },
        ...(profileShared ? [profileShared] : []),
      ],
      idempotencyKey: ctx.idempotencyKey,
      response: { requestHash: w.hash, status: 201, body },
      keepDays: deps.idempotencyKeepDays,
    },
    body,
  };
}
