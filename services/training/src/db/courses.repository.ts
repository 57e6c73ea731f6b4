import type { Queryable } from '@ladder/db';
import type {
  CourseMode,
  FundingRoute,
  Qualification,
  QualificationLevel,
} from '@ladder/vocabulary';

export interface NewCourse {
  title: string;
  description?: string | undefined;
  qualification: Qualification;
  level: QualificationLevel;
  mode: CourseMode;
  postcodeArea: string;
  lengthWeeks: number;
  guidedHours?: number | undefined;
  fundingRoute: FundingRoute;
}

export interface Course extends NewCourse {
  id: string;
  providerOrganisationId: string;
  createdAt: string;
}

interface CourseRow {
  id: string;
  provider_organisation_id: string;
  title: string;
  description: string | null;
  qualification: Qualification;
  level: QualificationLevel;
  mode: CourseMode;
  postcode_area: string;
  length_weeks: number;
  guided_hours: number | null;
  funding_route: FundingRoute;
  created_at: Date;
}

const toCourse = (r: CourseRow): Course => ({
  id: r.id,
  providerOrganisationId: r.provider_organisation_id,
  title: r.title,
  ...(r.description === null ? {} : { description: r.description }),
  qualification: r.qualification,
  level: r.level,
  mode: r.mode,
  postcodeArea: r.postcode_area,
  lengthWeeks: r.length_weeks,
  ...(r.guided_hours === null ? {} : { guidedHours: r.guided_hours }),
  fundingRoute: r.funding_route,
  createdAt: r.created_at.toISOString(),
});

export async function insertCourse(
  db: Queryable,
  id: string,
  providerOrganisationId: string,
  c: NewCourse,
): Promise<Course> {
  const { rows } = await db.query<CourseRow>(
    `insert into courses (id, provider_organisation_id, title, description, qualification, level, mode,
       postcode_area, length_weeks, guided_hours, funding_route)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning *`,
    [
      id,
      providerOrganisationId,
      c.title,
      c.description ?? null,
      c.qualification,
      c.level,
      c.mode,
      c.postcodeArea,
      c.lengthWeeks,
      c.guidedHours ?? null,
      c.fundingRoute,
    ],
  );
  return toCourse(rows[0]!);
}

export async function getCourse(db: Queryable, id: string): Promise<Course | undefined> {
  const { rows } = await db.query<CourseRow>('select * from courses where id = $1', [id]);
  return rows[0] && toCourse(rows[0]);
}

/** A provider's courses, or (no provider) the whole catalogue. */
export async function listCourses(
  db: Queryable,
  providerOrganisationId?: string,
): Promise<Course[]> {
  const { rows } = await db.query<CourseRow>(
    `select * from courses where ($1::text is null or provider_organisation_id = $1)
     order by created_at, id`,
    [providerOrganisationId ?? null],
  );
  return rows.map(toCourse);
}
