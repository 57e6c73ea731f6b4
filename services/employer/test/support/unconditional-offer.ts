import { randomUUID } from 'node:crypto';
import { insertSite } from '../../src/db/opportunities.repository.js';
import { insertVacancy } from '../../src/db/vacancies.repository.js';
import {
  bearer,
  outboxEvents,
  withKey,
  type Caller,
  type EmployerTestApp,
} from './employer-app.js';

/**
 * Test support only: an offer put straight into `unconditional` with SQL (as the offer and check
 * routes would leave it once all six checks are cleared), with a site and a vacancy of the
 * test's employer, for a new participant of a programme of the test's operator. `madeDaysAgo`
 * backdates the offer, so that a start (and its marks) may lie in the past.
 */
export async function unconditionalOffer(
  t: EmployerTestApp,
  options: { settings?: Record<string, unknown>; madeDaysAgo?: number } = {},
) {
  const programmeId = await t.programme(options.settings ?? {});
  const participantId = await t.participant(programmeId);
  const employerOrganisationId = t.employer.organisationId;
  const site = await insertSite(t.pool, {
    id: randomUUID(),
    employerOrganisationId,
    name: 'Bedford Hospital',
    postcodeArea: 'MK42',
  });
  const vacancy = await insertVacancy(t.pool, {
    id: randomUUID(),
    employerOrganisationId,
    siteId: site.id,
    role: 'healthcare-support-worker',
    band: 'band-2',
    hoursPerWeek: 37,
    posts: 2,
    closesOn: '2027-03-31',
  });
  const offerId = randomUUID();
  await t.pool.query(
    `insert into offers (id, vacancy_id, employer_organisation_id, participant_id, programme_id,
       operator_organisation_id, role, band, site_id, hours_per_week, respond_by, status, created_at)
     values ($1, $2, $3, $4, $5, $6, 'healthcare-support-worker', 'band-2', $7, 37,
       now() + interval '7 days', 'unconditional', now() - make_interval(days => $8))`,
    [
      offerId,
      vacancy.id,
      employerOrganisationId,
      participantId,
      programmeId,
      t.operator.organisationId,
      site.id,
      options.madeDaysAgo ?? 0,
    ],
  );
  return { offerId, participantId, programmeId, vacancyId: vacancy.id };
}

/** A day `days` from today (UTC), as `YYYY-MM-DD`; negative for the past. */
export const dayFromToday = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Requests as one organisation or another (the employer unless told), and the events they wrote;
 * `app` is asked at each call, so a test file can set them up before its app has started.
 */
export function employmentRequests(app: () => EmployerTestApp) {
  return {
    post: (url: string, payload: object, caller: Caller = app().employer, key?: string) =>
      app().app.inject({ method: 'POST', url, headers: withKey(caller, key), payload }),
    get: (url: string, caller: Caller = app().employer) =>
      app().app.inject({ method: 'GET', url, headers: bearer(caller) }),
    /** The events of one type the service wrote for a participant, oldest first. */
    eventsOf: async (type: string, participantId: string) =>
      (await outboxEvents(app().pool, type)).filter((e) => e.message_key === participantId),
  };
}
