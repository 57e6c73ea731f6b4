import { z } from 'zod';
import { endingOutcomes, outcomes, stages, type ReportBreakdown } from '@ladder/vocabulary';
import type { ApiClient } from './api-client.js';

const opsJourney = z.looseObject({
  referralId: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  stage: z.enum(stages).nullable(),
  endingOutcome: z.enum(endingOutcomes).nullable(),
  withdrawnReason: z.string().nullable(),
  timeline: z.array(z.looseObject({ source: z.string(), kind: z.string(), code: z.string() })),
  employer: z.looseObject({
    placements: z.array(z.looseObject({ placementId: z.uuid(), status: z.string() })),
    interviews: z.array(z.looseObject({ interviewId: z.uuid(), result: z.string().nullable() })),
    offers: z.array(
      z.looseObject({
        offerId: z.uuid(),
        status: z.string().nullable(),
        checks: z.array(z.looseObject({ check: z.string(), status: z.string() })),
        employment: z.looseObject({
          startedOn: z.string().nullable(),
          sustainment: z.array(
            z.looseObject({ weeks: z.number(), confirmedAt: z.string().nullable() }),
          ),
        }),
      }),
    ),
  }),
});
export type OpsJourney = z.infer<typeof opsJourney>;

const count = <S extends readonly string[]>(codes: S) =>
  z.object(
    Object.fromEntries(codes.map((c) => [c, z.number().int()])) as Record<S[number], z.ZodNumber>,
  );
const figures = z.object({
  referred: z.number().int(),
  inProgress: z.number().int(),
  stages: count(stages),
  outcomes: count(outcomes),
  endings: count(endingOutcomes),
});
export type OutcomeFigures = z.infer<typeof figures>;
const report = z.looseObject({
  breakdown: z.string(),
  total: figures,
  groups: z.array(z.object({ key: z.string(), figures })),
});
export type OutcomeReport = z.infer<typeof report>;

/** The ops service's JSON API, with a programme operator's `reports:read` key. */
export class OpsApi {
  constructor(readonly client: ApiClient) {}

  /** One journey (by its referral id) as the read model tells it, with its employer facts. */
  journey(referralId: string): Promise<OpsJourney> {
    return this.client.call('GET', `/v1/ops/journeys/${referralId}`, opsJourney);
  }

  outcomes(programmeId: string, breakdown: ReportBreakdown = 'programme'): Promise<OutcomeReport> {
    const query = new URLSearchParams({ programmeId, breakdown });
    return this.client.call('GET', `/v1/ops/reports/outcomes?${query.toString()}`, report);
  }
}
