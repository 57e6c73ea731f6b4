import { scopes } from '@ladder/auth';
import type { ParticipantViewClient } from '@ladder/participant-view';
import {
  startProgrammeCopyTestApp,
  withKey,
  type Caller,
  type ProgrammeCopyTestApp,
} from '@ladder/programme-copy/testing';
import type { TestDatabase } from '@ladder/testing';
import type { JourneyDeadlines } from '@ladder/vocabulary';
import { buildApp } from '../../src/app.js';
import { programmes } from '../../src/db/programmes.repository.js';
import { migrateEmployer } from '../../src/migrate.js';
import type { EmployerDeps } from '../../src/use-cases/deps.js';

export { bearer, outboxEvents, withKey, type Caller } from '@ladder/programme-copy/testing';

export interface EmployerTestApp extends Omit<ProgrammeCopyTestApp, 'programme' | 'deps'> {
  deps: EmployerDeps;
  employer: Caller;
  otherEmployer: Caller;
  operator: Caller;
  otherOperator: Caller;
  jobCentre: Caller;
  /** Adds a programme operated by `operator` with these employment settings and deadlines. */
  programme(
    settings?: Record<string, unknown>,
    operator?: Caller,
    deadlines?: Partial<JourneyDeadlines>,
  ): Promise<string>;
}

/**
 * The employer API on fresh databases with organisations of each kind. The participant view goes
 * to `participantViews` (a real referral service where a test needs one) or nowhere.
 */
export async function startEmployerApp(
  options: { participantViews?: ParticipantViewClient; identityDb?: TestDatabase } = {},
): Promise<EmployerTestApp> {
  const t = await startProgrammeCopyTestApp({
    ...options,
    name: 'employer',
    programmes,
    migrate: migrateEmployer,
    buildApp,
    scopes: [scopes.employmentRead, scopes.employmentWrite],
  });
  const operator = await t.organisation('BLMK Health and Care Academy', 'programme-operator');
  return {
    ...t,
    employer: await t.organisation('Bedfordshire Hospitals NHS Foundation Trust', 'employer'),
    otherEmployer: await t.organisation('University Hospitals Birmingham', 'employer'),
    operator,
    otherOperator: await t.organisation('West Midlands Combined Authority', 'programme-operator'),
    jobCentre: await t.organisation('Luton Jobcentre Plus', 'job-centre'),
    programme: (settings, by = operator, deadlines) => t.programme(by, settings, deadlines),
  };
}

/** A site of the employer's and a placement slot there of `capacity` places; their ids. */
export async function siteWithSlot(
  t: EmployerTestApp,
  capacity: number,
  by: Caller = t.employer,
): Promise<{ siteId: string; slotId: string }> {
  const site = await t.app.inject({
    method: 'POST',
    url: '/v1/sites',
    headers: withKey(by),
    payload: { name: 'Luton and Dunstable University Hospital', postcodeArea: 'LU4' },
  });
  if (site.statusCode !== 201) throw new Error(`site: ${site.statusCode} ${site.body}`);
  const siteId = site.json<{ id: string }>().id;
  const slot = await t.app.inject({
    method: 'POST',
    url: '/v1/placement-slots',
    headers: withKey(by),
    payload: {
      siteId,
      kind: 'work-experience',
      roleArea: 'healthcare-support-worker',
      startsOn: '2027-02-01',
      endsOn: '2027-02-26',
      hoursPerWeek: 20,
      capacity,
    },
  });
  if (slot.statusCode !== 201) throw new Error(`slot: ${slot.statusCode} ${slot.body}`);
  return { siteId, slotId: slot.json<{ id: string }>().id };
}

/** Proposes a participant for a slot, as the operator unless told otherwise. */
export async function propose(
  t: EmployerTestApp,
  slotId: string,
  programmeId: string,
  participantId: string,
  by: Caller = t.operator,
) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/placement-slots/${slotId}/placements`,
    headers: withKey(by),
    payload: { participantId, programmeId },
  });
}

/**
 * A vacancy at a site of the employer's (3 posts, closing in 90 days unless told); its id and the
 * site's.
 */
export async function vacancyAt(
  t: EmployerTestApp,
  by: Caller = t.employer,
  terms: { posts?: number; closesOn?: string } = {},
): Promise<{ siteId: string; vacancyId: string }> {
  const { siteId } = await siteWithSlot(t, 1, by);
  const vacancy = await t.app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: withKey(by),
    payload: {
      siteId,
      role: 'healthcare-support-worker',
      band: 'band-2',
      hoursPerWeek: 30,
      posts: terms.posts ?? 3,
      closesOn: terms.closesOn ?? new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  if (vacancy.statusCode !== 201) throw new Error(`vacancy: ${vacancy.statusCode} ${vacancy.body}`);
  return { siteId, vacancyId: vacancy.json<{ id: string }>().id };
}

/** A participant of a new programme, proposed by its operator for a placement at the employer. */
export async function proposedParticipant(
  t: EmployerTestApp,
  deadlines?: Partial<JourneyDeadlines>,
  settings: Record<string, unknown> = {},
): Promise<{ programmeId: string; participantId: string }> {
  const programmeId = await t.programme(settings, t.operator, deadlines);
  const participantId = await t.participant(programmeId);
  const { slotId } = await siteWithSlot(t, 1);
  const proposed = await propose(t, slotId, programmeId, participantId);
  if (proposed.statusCode !== 201) throw new Error(`propose: ${proposed.statusCode}`);
  return { programmeId, participantId };
}
