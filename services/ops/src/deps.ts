import type { Pool } from '@ladder/db';
import type { Logger } from '@ladder/logger';

/** What the ops service's routes need. */
export interface OpsDeps {
  pool: Pool;
  logger: Logger;
  now: () => Date;
}
