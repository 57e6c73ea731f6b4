import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '@ladder/db';
import type { StaffRole } from '@ladder/vocabulary';

/** A signed-in staff member of a programme operator. */
export interface StaffMember {
  subject: string;
  displayName: string;
  organisationId: string;
  role: StaffRole;
  csrfToken: string;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('base64url');
export const randomToken = (): string => randomBytes(32).toString('base64url');

export async function startSignIn(
  db: Queryable,
  s: { state: string; codeVerifier: string; nonce: string; returnTo: string },
): Promise<void> {
  await db.query(
    'insert into staff_sign_in (state, code_verifier, nonce, return_to) values ($1, $2, $3, $4)',
    [s.state, s.codeVerifier, s.nonce, s.returnTo],
  );
}

/** Takes a sign-in in progress (once: a replayed callback finds nothing), if under 10 minutes old. */
export async function takeSignIn(
  db: Queryable,
  state: string,
): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | undefined> {
  const { rows } = await db.query<{ code_verifier: string; nonce: string; return_to: string }>(
    `delete from staff_sign_in where state = $1 and created_at > now() - interval '10 minutes'
     returning code_verifier, nonce, return_to`,
    [state],
  );
  const row = rows[0];
  return row && { codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
}

/** Starts a session; returns the token for the cookie (shown once, stored hashed). */
export async function createSession(
  db: Queryable,
  member: Omit<StaffMember, 'csrfToken'>,
  lifetimeMs: number,
): Promise<string> {
  const token = randomToken();
  await db.query(
    `insert into staff_session (token_hash, subject, display_name, organisation_id, role, csrf_token, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + $7 * interval '1 millisecond')`,
    [
      hash(token),
      member.subject,
      member.displayName,
      member.organisationId,
      member.role,
      randomToken(),
      lifetimeMs,
    ],
  );
  return token;
}

export async function findSession(db: Queryable, token: string): Promise<StaffMember | undefined> {
  const { rows } = await db.query<StaffMember>(
    `select subject, display_name as "displayName", organisation_id as "organisationId", role,
            csrf_token as "csrfToken"
       from staff_session where token_hash = $1 and expires_at > now()`,
    [hash(token)],
  );
  return rows[0];
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('delete from staff_session where token_hash = $1', [hash(token)]);
}

/** Forgets sessions and sign-ins that have expired. */
export async function pruneSessions(db: Queryable): Promise<void> {
  await db.query('delete from staff_session where expires_at < now()');
  await db.query("delete from staff_sign_in where created_at < now() - interval '1 hour'");
}
