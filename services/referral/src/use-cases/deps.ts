import type { KeyObject } from 'node:crypto';
import type { KeyRing } from '@ladder/crypto';
import type { Pool, Queryable } from '@ladder/db';
import type { Programme } from '../db/programmes.repository.js';
import type { Logger } from '@ladder/logger';
import type { ParticipantVault } from '../crypto/participant-vault.js';
import type { FirstReferralWriter } from './first-referral-writer.js';

/** What the referral use cases need; built once in main.ts (and by tests). */
export interface ReferralDeps {
  pool: Pool;
  vault: ParticipantVault;
  /**
   * Seal what the programme operator's outcome report may hold (config `REPORTING_KEYS`), for
   * the ops service, which holds them too.
   */
  reportingKeys: KeyRing;
  /** Key of the person-matching hash (config `MATCHING_KEY`). */
  matchingKey: KeyObject;
  logger: Logger;
  now: () => Date;
  /** How long an Idempotency-Key's first response is replayed; at least 7 days. */
  idempotencyKeepDays: number;
  /** A programme's current rules (see programme-cache.ts). */
  programmes: (db: Queryable, programmeId: string) => Promise<Programme | undefined>;
  /** Writes the usual submissions in groups (group commit) on `pool`. */
  firstReferrals: FirstReferralWriter;
}

export const serviceName = 'referral-service';
