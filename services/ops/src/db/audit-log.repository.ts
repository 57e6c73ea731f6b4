import type { Queryable } from '@ladder/db';
import type { OpsAuditAction } from '../domain/audit-actions.js';

export interface AuditEntry {
  operatorOrganisationId: string;
  actor: string;
  action: OpsAuditAction;
  subject: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends one entry (the table refuses updates and deletes). */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (operator_organisation_id, actor, action, subject, detail)
     values ($1, $2, $3, $4, $5)`,
    [
      entry.operatorOrganisationId,
      entry.actor,
      entry.action,
      entry.subject,
      JSON.stringify(entry.detail ?? {}),
    ],
  );
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** What an action or reveal came to (`accepted`, `refused`, `released`...), and why not. */
  result: string | null;
  reason: string | null;
}

/** An operator's audit entries, newest first, optionally those whose actor or subject holds `search`. */
export async function searchAudit(
  db: Queryable,
  operatorOrganisationId: string,
  search: string | undefined,
  limit: number,
): Promise<AuditRow[]> {
  const { rows } = await db.query<{
    id: string;
    at: Date;
    actor: string;
    action: string;
    subject: string;
    result: string | null;
    reason: string | null;
  }>(
    `select id::text, at, actor, action, subject, detail->>'result' as result,
            detail->>'reason' as reason from audit_log
      where operator_organisation_id = $1
        and ($2::text is null or actor ilike '%' || $2 || '%' or subject ilike '%' || $2 || '%' or action = $2)
      order by at desc, id desc limit $3`,
    [operatorOrganisationId, search ?? null, limit],
  );
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
