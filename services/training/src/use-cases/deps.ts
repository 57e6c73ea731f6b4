import type { Pool } from '@ladder/db';
import type { Logger } from '@ladder/logger';
import type { OrganisationKind } from '@ladder/vocabulary';
import type { ParticipantViewClient } from '@ladder/participant-view';

/** What the training use cases need; built once in main.ts (and by tests). */
export interface TrainingDeps {
  pool: Pool;
  logger: Logger;
  now: () => Date;
  /** How long an Idempotency-Key's first answer is replayed; at least 7 days. */
  idempotencyKeepDays: number;
  /** The holder of participants' personal data (the referral service), asked on demand. */
  participantViews: ParticipantViewClient;
}

/** Who is acting, and the ids that follow the request into its events. */
export interface Actor {
  organisationId: string;
  organisationKind: OrganisationKind;
  correlationId: string;
  traceparent?: string;
}
