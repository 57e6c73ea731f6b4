import { z } from 'zod';
import {
  bankHolidayRegionSchema,
  journeyDeadlinesWithDefaultsSchema,
  priorityGroupSchema,
  programmeEmploymentSettingsSchema,
  programmeTrainingSettingsSchema,
} from '@ladder/vocabulary/schemas';

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
  deadlines: journeyDeadlinesWithDefaultsSchema,
  /** Whose bank holidays the working-day deadlines skip. */
  bankHolidayRegion: bankHolidayRegionSchema.default('england-and-wales'),
  /** Read by the training service (from ProgrammeRulesPublished). */
  training: programmeTrainingSettingsSchema,
  /** Read by the employer service (from ProgrammeRulesPublished). */
  employment: programmeEmploymentSettingsSchema,
});

export type ProgrammeRules = z.infer<typeof programmeRulesSchema>;
