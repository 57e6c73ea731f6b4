import type { Queryable } from '@ladder/db';
import { findProgramme, type Programme } from '../db/programmes.repository.js';

/**
 * Programme rules change rarely and are read by every referral, so each process keeps them for a
 * few seconds: a new version applies to referrals accepted at most `ttlMs` after it was made.
 * With `ttlMs` 0 every read goes to the database.
 */
export function cachedProgrammes(
  ttlMs: number,
): (db: Queryable, programmeId: string) => Promise<Programme | undefined> {
  const cache = new Map<string, { programme: Programme; until: number }>();
  return async (db, programmeId) => {
    const hit = cache.get(programmeId);
    if (hit && hit.until > Date.now()) return hit.programme;
    const programme = await findProgramme(db, programmeId);
    if (programme && ttlMs > 0) cache.set(programmeId, { programme, until: Date.now() + ttlMs });
    return programme;
  };
}
