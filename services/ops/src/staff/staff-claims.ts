import { staffRoleSchema } from '@ladder/vocabulary/schemas';
import type { StaffMember } from '../db/staff-sessions.repository.js';
import type { IdTokenClaims } from './relying-party.js';

/** Which ID token claims name the staff member's organisation and role (they differ by provider). */
export interface StaffClaimNames {
  organisation: string;
  role: string;
}

/**
 * The staff member an ID token describes, or why they may not sign in: a programme operator's
 * staff only, with a role the service knows.
 */
export function staffFromClaims(
  claims: IdTokenClaims,
  names: StaffClaimNames,
  isOperator: (organisationId: string) => boolean,
): { ok: true; member: Omit<StaffMember, 'csrfToken'> } | { ok: false; reason: string } {
  const organisation = claims[names.organisation];
  const role = staffRoleSchema.safeParse(claims[names.role]);
  if (typeof organisation !== 'string' || organisation === '')
    return { ok: false, reason: 'your account names no organisation' };
  if (!role.success) return { ok: false, reason: 'your account has no ops role' };
  if (!isOperator(organisation))
    return { ok: false, reason: 'your organisation does not operate a programme here' };
  const name = claims.name;
  return {
    ok: true,
    member: {
      subject: claims.sub,
      displayName: typeof name === 'string' && name ? name : claims.sub,
      organisationId: organisation,
      role: role.data,
    },
  };
}
