import type { Pool } from '@ladder/db';
import type { Logger } from '@ladder/logger';
import type { Journeys } from './temporal/journey-client.js';

/** What the ops service's routes need. */
export interface OpsDeps {
  pool: Pool;
  logger: Logger;
  now: () => Date;
  /** The journey workflows: their live state and the actions staff take on them. */
  journeys: Journeys;
}
