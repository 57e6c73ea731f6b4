import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { staffRoleSchema } from '@ladder/vocabulary/schemas';

/** A staff member of the development sign-in: made-up people, never real ones. */
const demoStaffMember = z.object({
  /** What to type as the login at the development provider (any password). */
  login: z.string().regex(/^[a-z]+$/),
  name: z.string(),
  organisationId: z.string(),
  role: staffRoleSchema,
});
export type DemoStaffMember = z.infer<typeof demoStaffMember>;

/**
 * The demo programme operators' staff, kept as data (`demo-staff.json`) so that `npm start` can
 * print them without importing the service. The organisation ids are the referral demo data's.
 */
export const demoStaffFile = new URL('../../demo-staff.json', import.meta.url);

export const demoStaff: readonly DemoStaffMember[] = z
  .array(demoStaffMember)
  .parse(JSON.parse(readFileSync(demoStaffFile, 'utf8')));
