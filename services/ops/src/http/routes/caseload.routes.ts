import { routes } from '@ladder/http';
import { mentorCaseload } from '../../db/journeys.repository.js';
import type { OpsDeps } from '../../deps.js';
import { byUrgency } from '../../domain/caseload.js';
import { label, supportStep } from '../formatters.js';
import { requireViewer, viewerOf } from '../viewer.js';
import { requireStaff } from './page-helpers.js';

/** A caseload is a mentor's few dozen people; more than this is not one person's work. */
const caseloadLimit = 200;
/** Live states asked of Temporal at once for one page. */
const queriesAtOnce = 8;

/** Runs `work` on every item, at most `n` at a time, keeping the order. */
async function mapAtMost<T, R>(items: readonly T[], n: number, work: (t: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += n)
    results.push(...(await Promise.all(items.slice(i, i + n).map(work))));
  return results;
}

/**
 * "My caseload": the signed-in staff member's own participants (the journeys of their operator
 * whose mentor they are now), what each waits for and from whom, most urgent first.
 */
export const caseloadRoutes = routes(
  { name: 'ops-caseload', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    app.get(
      '/caseload',
      { onRequest: requireStaff, preHandler: requireViewer('journeys'), schema: { hide: true } },
      async (request, reply) => {
        const staff = request.staff!;
        const journeys = await mentorCaseload(
          deps.pool,
          viewerOf(request).operatorOrganisationId,
          staff.subject,
          caseloadLimit,
        );
        const entries = await mapAtMost(journeys, queriesAtOnce, async (journey) => ({
          journey,
          // One journey Temporal cannot answer for leaves the rest of the caseload to show.
          live: await deps.journeys.state(journey).catch((error: unknown) => {
            deps.logger.warn({ err: error, referralId: journey.referralId }, 'no live state');
            return null;
          }),
        }));
        const rows = byUrgency(entries).map(({ journey, live, nextDue }) => ({
          referralId: journey.referralId,
          programmeId: journey.programmeId,
          stage: label(live?.stage ?? journey.stage ?? 'referral'),
          waitsFor: live?.waitingFor
            ? `${label(live.waitingFor.what)} from ${label(live.waitingFor.from).toLowerCase()}`
            : journey.waitingFor
              ? `${label(journey.waitingFor)} from ${label(journey.waitingFrom).toLowerCase()}`
              : 'Nothing',
          nextDue,
          overdue: nextDue !== null && Date.parse(nextDue) < deps.now().getTime(),
          atRisk: journey.atRisk,
          stillToDo: live
            ? live.support.stillToDo.map(supportStep).join(', ') || 'Nothing'
            : 'Not known',
          liveKnown: live !== null,
        }));
        return reply.view('caseload.njk', {
          title: 'My caseload',
          nav: 'caseload',
          staff,
          rows,
          full: journeys.length === caseloadLimit,
        });
      },
    );
  },
);
