import type { Pool } from '@ladder/db';
import type { Logger } from '@ladder/logger';
import type { ParticipantViewClient } from '@ladder/participant-view';
import type { EmployerApi } from './clients/employer-api.js';
import type { TrainingApi } from './clients/training-api.js';
import type { Journeys } from './temporal/journey-client.js';

/** What the ops service's routes need. */
export interface OpsDeps {
  pool: Pool;
  logger: Logger;
  now: () => Date;
  /** The journey workflows: their live state and the actions staff take on them. */
  journeys: Journeys;
  /** The referral service's consented view of a participant: fetched when revealed, never kept. */
  participantViews: ParticipantViewClient;
  /** The training service: intakes, and places requested as the staff member's operator. */
  training: TrainingApi;
  /** The employer service: slots and vacancies, and placements proposed as the operator. */
  employer: EmployerApi;
}
