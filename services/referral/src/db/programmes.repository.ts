import { randomUUID } from 'node:crypto';
import { appendToOutbox, withTransaction, type Pool, type Queryable } from '@ladder/db';
import { createEnvelope, programmeRulesPublishedV1, topics } from '@ladder/events';
import { programmeRulesSchema, type ProgrammeRules } from '../domain/programme-rules.js';

export interface Programme {
  id: string;
  operatorOrganisationId: string;
  version: number;
  rules: ProgrammeRules;
  updatedAt: string;
}

interface ProgrammeRow {
  id: string;
  operator_organisation_id: string;
  version: number;
  rules: unknown;
  created_at: Date;
}

const toProgramme = (row: ProgrammeRow): Programme => ({
  id: row.id,
  operatorOrganisationId: row.operator_organisation_id,
  version: row.version,
  rules: programmeRulesSchema.parse(row.rules),
  updatedAt: row.created_at.toISOString(),
});

const selectProgramme = `
  select p.id, p.operator_organisation_id, v.version, v.rules, v.created_at
  from programmes p join programme_versions v on v.programme_id = p.id`;

/** The programme with its current rules, or a given version of them. */
export async function findProgramme(
  db: Queryable,
  id: string,
  version?: number,
): Promise<Programme | undefined> {
  const { rows } = await db.query<ProgrammeRow>(
    `${selectProgramme} where p.id = $1 and v.version = coalesce($2, p.current_version)`,
    [id, version ?? null],
  );
  return rows[0] && toProgramme(rows[0]);
}

export async function listProgrammes(db: Queryable): Promise<Programme[]> {
  const { rows } = await db.query<ProgrammeRow>(
    `${selectProgramme} where v.version = p.current_version order by p.id`,
  );
  return rows.map(toProgramme);
}

/**
 * ProgrammeRulesPublished for a stored version, into the outbox in the caller's transaction: the
 * services acting for the programme keep their copy of its operator and settings from it.
 */
async function publishRules(
  tx: Queryable,
  programme: { id: string; operatorOrganisationId: string; version: number; rules: ProgrammeRules },
  correlationId: string,
): Promise<void> {
  const { name: _name, ...rules } = programme.rules;
  const envelope = createEnvelope(
    programmeRulesPublishedV1,
    {
      programmeId: programme.id,
      version: programme.version,
      operatorOrganisationId: programme.operatorOrganisationId,
      rules,
    },
    { source: 'referral-service', subject: programme.id, correlationId },
  );
  await appendToOutbox(tx, [{ topic: topics.referrals.name, envelope }]);
}

/** Stores a new programme (version 1) and publishes its rules; false when the id is taken. */
export async function createProgramme(
  pool: Pool,
  programme: { id: string; operatorOrganisationId: string; rules: ProgrammeRules },
  correlationId: string = randomUUID(),
): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const inserted = await tx.query(
      `insert into programmes (id, operator_organisation_id, current_version) values ($1, $2, 1) on conflict (id) do nothing`,
      [programme.id, programme.operatorOrganisationId],
    );
    if (inserted.rowCount === 0) return false;
    await tx.query(
      'insert into programme_versions (programme_id, version, rules) values ($1, 1, $2)',
      [programme.id, JSON.stringify(programme.rules)],
    );
    await publishRules(tx, { ...programme, version: 1 }, correlationId);
    return true;
  });
}

/**
 * Adds the next version of a programme's rules and publishes them; new referrals use it from now
 * on. Run in the transaction that found the programme.
 */
export async function addProgrammeVersion(
  tx: Queryable,
  programme: { id: string; operatorOrganisationId: string },
  rules: ProgrammeRules,
  correlationId: string = randomUUID(),
): Promise<number> {
  const { rows } = await tx.query<{ current_version: number }>(
    'update programmes set current_version = current_version + 1 where id = $1 returning current_version',
    [programme.id],
  );
  const version = rows[0]?.current_version;
  if (version === undefined) throw new Error(`programme ${programme.id} not found`);
  await tx.query(
    'insert into programme_versions (programme_id, version, rules) values ($1, $2, $3)',
    [programme.id, version, JSON.stringify(rules)],
  );
  await publishRules(tx, { ...programme, version, rules }, correlationId);
  return version;
}
