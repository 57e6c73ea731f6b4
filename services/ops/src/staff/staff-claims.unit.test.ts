import { describe, expect, it } from 'vitest';
import { staffFromClaims } from './staff-claims.js';

const names = { organisation: 'org', role: 'role' };
const operators = (id: string) => id === 'org-blmk';

describe('staff from an ID token', () => {
  it('when the claims name an operator and a known role, then they describe the staff member', () => {
    expect(
      staffFromClaims(
        { sub: 's1', name: 'Casey', org: 'org-blmk', role: 'caseworker' },
        names,
        operators,
      ),
    ).toEqual({
      ok: true,
      member: {
        subject: 's1',
        displayName: 'Casey',
        organisationId: 'org-blmk',
        role: 'caseworker',
      },
    });
  });

  it.each([
    [{ sub: 's', role: 'manager' }, 'names no organisation'],
    [{ sub: 's', org: 'org-blmk', role: 'superuser' }, 'no ops role'],
    [{ sub: 's', org: 'org-luton-jobcentre', role: 'manager' }, 'does not operate'],
  ])('when the claims are %j, then sign-in is refused', (claims, reason) => {
    const result = staffFromClaims(claims, names, operators);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
