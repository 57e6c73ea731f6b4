import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, migrate, withTransaction, type Pool, type PoolClient } from '@ladder/db';
import { createEventParser, eventCatalogue, upcasters, type EventEnvelope } from '@ladder/events';
import { handleEvent } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { createTestDatabase, waitForLockWait, type TestDatabase } from '@ladder/testing';
import { projectionHandlers } from '../src/events/projection.handlers.js';
import { employerEvents } from './support/employer-events.js';
import { journeyEvents, testReportingKeys } from './support/projection-stack.js';

const logger = createLogger({ name: 'ops-races', level: 'silent' });
const handlers = projectionHandlers({ reportingKeys: testReportingKeys });
// As the consumer runner does: upcast to the version the handlers are for (the referral is a v2).
const parse = createEventParser(eventCatalogue, upcasters);
const handle = (tx: PoolClient, event: EventEnvelope) => {
  const parsed = parse(event);
  if (!parsed.ok) throw new Error(parsed.reason);
  return handleEvent(handlers, parsed.event, { tx, logger });
};

/**
 * The referral and the employer's events travel on different topics and are handled side by side.
 * Each case handles one of them in a transaction it holds open, handles the other on a second
 * connection, and only then commits the first: the order in which they interleave in the rebuild
 * and the employer-projection tests now and then, made to happen every time.
 */
describe('a referral and an employer event of its participant, handled at the same time', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('ops_races');
    await migrate({ databaseUrl: db.url, dir: new URL('../migrations', import.meta.url).pathname });
    pool = createPool(db.url, { max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it.each(['the referral', 'the offer'] as const)(
    'when %s is handled first and commits after the other has begun, then the journey shows the offer waiting for its answer',
    async (first) => {
      const journey = journeyEvents({
        programmeId: 'blmk-races',
        referredAt: '2026-03-01T10:00:00Z',
      });
      const referral = journey.events[0]!;
      // The last of them is OfferMade, its answer due 31 March.
      const offerMade = employerEvents(journey, 'offer-made').at(-1)!;
      const [early, late] =
        first === 'the referral' ? [referral, offerMade] : [offerMade, referral];

      const held = await pool.connect();
      let waited: string;
      try {
        await held.query('begin');
        await handle(held, early);
        const second = withTransaction(pool, (tx) => handle(tx, late)).then(() => 'handled');
        // Either the second waits for the first (then it sees the first's rows once it commits),
        // or it is handled without seeing them; both are let run before the first commits.
        waited = await Promise.race([
          second,
          waitForLockWait(pool).then(
            () => 'waited',
            () => 'did not wait',
          ),
        ]);
        await held.query('commit');
        await second;
      } finally {
        held.release();
      }

      const { rows } = await pool.query<{ next_deadline_at: Date | null }>(
        'select next_deadline_at from journey where referral_id = $1',
        [journey.referralId],
      );
      expect(rows).toEqual([{ next_deadline_at: new Date('2026-03-31T17:00:00Z') }]);
      expect(waited).toBe('waited');
    },
  );
});
