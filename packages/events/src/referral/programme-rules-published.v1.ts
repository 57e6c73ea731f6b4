import { z } from 'zod';
import {
  journeyDeadlinesSchema,
  priorityGroupSchema,
  programmeEmploymentSettingsSchema,
  programmeTrainingSettingsSchema,
} from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

/**
 * A programme, or a new version of its rules, was stored. Subject = the programme id. Services
 * that act for a programme (training, employer) keep their own copy of its operator and settings
 * from these. Codes and numbers only: the programme's display name is not in it.
 */
export const programmeRulesPublishedV1 = defineEvent({
  type: 'ProgrammeRulesPublished',
  version: 1,
  topic: topics.referrals,
  description:
    'A programme or a new version of its rules was stored: its operator and the rules as codes and numbers.',
  data: z.object({
    programmeId: z.string(),
    version: z.number().int().positive(),
    operatorOrganisationId: z.string(),
    rules: z.object({
      ageRange: z.object({ min: z.number().int(), max: z.number().int() }),
      eligibleGroups: z.array(priorityGroupSchema),
      /** Postcode areas or districts served; empty means anywhere. */
      areas: z.array(z.string()),
      deadlines: journeyDeadlinesSchema,
      training: programmeTrainingSettingsSchema,
      employment: programmeEmploymentSettingsSchema,
    }),
  }),
});
