import { z } from 'zod';

/** The groups a programme prioritises (a participant may be in several). */
export const priorityGroups = [
  'care-experienced',
  'unpaid-carer',
  'neurodivergent',
  'long-term-unemployed',
  'neet',
  'send',
  'economically-disadvantaged-area',
  'needs-esol',
] as const;

export const priorityGroupSchema = z.enum(priorityGroups);
export type PriorityGroup = z.infer<typeof priorityGroupSchema>;
