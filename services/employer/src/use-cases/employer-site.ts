import type { PoolClient } from '@ladder/db';
import { problem } from '@ladder/http';
import { getSite } from '../db/opportunities.repository.js';
import type { Vacancy } from '../db/vacancies.repository.js';

/** The site a request names for a vacancy's interview or offer (default: the vacancy's own). */
export async function employerSiteFor(
  tx: PoolClient,
  vacancy: Vacancy,
  siteId: string | undefined,
): Promise<string> {
  if (siteId === undefined || siteId === vacancy.siteId) return vacancy.siteId;
  const site = await getSite(tx, siteId);
  if (site?.employerOrganisationId !== vacancy.employerOrganisationId)
    throw problem.unprocessable('no such site of the employer', {
      code: 'unknown-site',
      errors: [{ field: 'body.siteId', message: 'not a site of the vacancy’s employer' }],
    });
  return siteId;
}
