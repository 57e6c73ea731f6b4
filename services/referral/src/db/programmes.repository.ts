import type { Queryable } from '@ladder/db';
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

export async function createProgramme(
  db: Queryable,
  programme: { id: string; operatorOrganisationId: string; rules: ProgrammeRules },
): Promise<boolean> {
  const inserted = await db.query(
    `insert into programmes (id, operator_organisation_id, current_version) values ($1, $2, 1) on conflict (id) do nothing`,
    [programme.id, programme.operatorOrganisationId],
  );
  if (inserted.rowCount === 0) return false;
  await db.query(
    'insert into programme_versions (programme_id, version, rules) values ($1, 1, $2)',
    [programme.id, JSON.stringify(programme.rules)],
  );
  return true;
}

/** Adds the next version of a programme's rules; new referrals use it from now on. */
export async function addProgrammeVersion(
  db: Queryable,
  id: string,
  rules: ProgrammeRules,
): Promise<number> {
  const { rows } = await db.query<{ current_version: number }>(
    'update programmes set current_version = current_version + 1 where id = $1 returning current_version',
    [id],
  );
  const version = rows[0]?.current_version;
  if (version === undefined) throw new Error(`programme ${id} not found`);
  await db.query(
    'insert into programme_versions (programme_id, version, rules) values ($1, $2, $3)',
    [id, version, JSON.stringify(rules)],
  );
  return version;
}
