import { z } from 'zod';
import { guidanceDeadlines } from '@ladder/workflow-contracts';
import { priorityGroupSchema } from './priority-groups.js';

/**
 * A programme's rules, as data with versions. A new version applies to referrals accepted after
 * it; journeys already running keep the deadlines they started with.
 */
export const programmeRulesSchema = z.object({
  name: z.string().min(1).max(200),
  ageRange: z
    .object({ min: z.number().int().min(14).max(100), max: z.number().int().min(14).max(100) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max' }),
  /** A referral must be in at least one of these groups; empty means any. */
  eligibleGroups: z.array(priorityGroupSchema),
  /** Postcode areas or districts served, e.g. `LU`, `MK`, `NN1`; empty means anywhere. */
  areas: z.array(
    z
      .string()
      .regex(/^[A-Z]{1,2}[0-9]{0,2}[A-Z]?$/, 'a postcode area or district such as LU or NN1'),
  ),
  deadlines: z.object({
    acknowledgeWorkingDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.acknowledgeWorkingDays),
    firstContactWorkingDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.firstContactWorkingDays),
    actionPlanWorkingDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.actionPlanWorkingDays),
    trainingCompletionDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.trainingCompletionDays),
    placementConfirmationDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.placementConfirmationDays),
    offerResponseDays: z.number().int().positive().default(guidanceDeadlines.offerResponseDays),
    preEmploymentChecksDays: z
      .number()
      .int()
      .positive()
      .default(guidanceDeadlines.preEmploymentChecksDays),
  }),
});

export type ProgrammeRules = z.infer<typeof programmeRulesSchema>;
