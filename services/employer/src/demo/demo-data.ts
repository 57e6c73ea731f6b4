import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openDemoCredentials, scopes, type CredentialStore } from '@ladder/auth';
import { withTransaction, type Pool } from '@ladder/db';
import type { AgendaForChangeBand, EntryLevelRole, PlacementKind } from '@ladder/vocabulary';
import { insertSite, insertSlot } from '../db/opportunities.repository.js';
import { insertVacancy } from '../db/vacancies.repository.js';

interface DemoSite {
  name: string;
  postcodeArea: string;
  slots: {
    kind: PlacementKind;
    roleArea: EntryLevelRole;
    capacity: number;
    hoursPerWeek: number;
  }[];
  vacancies: {
    role: EntryLevelRole;
    band: AgendaForChangeBand;
    hoursPerWeek: number;
    posts: number;
  }[];
}

/**
 * The demo employers (the trust is also made by the referral service's demo data, with the same
 * id), each with sites, placement slots and vacancies.
 */
export const demoEmployers: {
  id: string;
  name: string;
  kind: 'employer';
  sites: DemoSite[];
}[] = [
  {
    id: 'org-l-and-d-trust',
    name: 'Bedfordshire Hospitals NHS Foundation Trust',
    kind: 'employer',
    sites: [
      {
        name: 'Luton and Dunstable University Hospital',
        postcodeArea: 'LU4',
        slots: [
          {
            kind: 'work-experience',
            roleArea: 'healthcare-support-worker',
            capacity: 4,
            hoursPerWeek: 20,
          },
          { kind: 'shadowing', roleArea: 'receptionist', capacity: 2, hoursPerWeek: 10 },
        ],
        vacancies: [
          { role: 'healthcare-support-worker', band: 'band-2', hoursPerWeek: 37, posts: 6 },
          { role: 'catering-assistant', band: 'band-1', hoursPerWeek: 30, posts: 2 },
        ],
      },
      {
        name: 'Bedford Hospital',
        postcodeArea: 'MK42',
        slots: [
          {
            kind: 'work-placement',
            roleArea: 'healthcare-support-worker',
            capacity: 3,
            hoursPerWeek: 30,
          },
        ],
        vacancies: [{ role: 'porter', band: 'band-2', hoursPerWeek: 37, posts: 2 }],
      },
    ],
  },
  {
    id: 'org-chiltern-care',
    name: 'Chiltern Home Care',
    kind: 'employer',
    sites: [
      {
        name: 'Chiltern Home Care, Dunstable office',
        postcodeArea: 'LU6',
        slots: [
          {
            kind: 'shadowing',
            roleArea: 'healthcare-support-worker',
            capacity: 3,
            hoursPerWeek: 16,
          },
        ],
        vacancies: [
          { role: 'healthcare-support-worker', band: 'band-2', hoursPerWeek: 24, posts: 4 },
        ],
      },
    ],
  },
  {
    id: 'org-uhb-trust',
    name: 'University Hospitals Birmingham NHS Foundation Trust',
    kind: 'employer',
    sites: [
      {
        name: 'Queen Elizabeth Hospital Birmingham',
        postcodeArea: 'B15',
        slots: [
          {
            kind: 'work-experience',
            roleArea: 'healthcare-support-worker',
            capacity: 5,
            hoursPerWeek: 20,
          },
        ],
        vacancies: [
          { role: 'healthcare-support-worker', band: 'band-2', hoursPerWeek: 37, posts: 10 },
        ],
      },
    ],
  },
];

const operator = {
  id: 'org-blmk-academy',
  name: 'BLMK Health and Care Academy',
  kind: 'programme-operator',
} as const;
/** This service's own organisation: its key reads the consented view of participants. */
const service = {
  id: 'org-ladder-employer-service',
  name: 'Ladder employer service',
  kind: 'programme-operator',
} as const;

const dayAfter = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Adds the employer demo's keys to the demo credentials file (each employer's and the operator's
 * `employment:*` key, this service's participant-view key) and the employers' sites, slots and
 * vacancies to the database, once (a second run keeps what is there).
 */
export async function loadEmployerDemo(deps: {
  pool: Pool;
  store: CredentialStore;
  credentialsFile: string;
  serviceKeyFile: string;
}): Promise<{ sites: number; slots: number; vacancies: number }> {
  const keys = openDemoCredentials(deps.store, deps.credentialsFile);
  const employment = [scopes.employmentRead, scopes.employmentWrite];
  for (const employer of demoEmployers) await keys.grant(employer, 'employment', employment);
  await keys.grant(operator, 'employment', employment);
  const serviceKey = await keys.grant(service, 'participant view', [scopes.participantsView]);
  keys.save();
  writeFileSync(deps.serviceKeyFile, `${serviceKey}\n`, { mode: 0o600 });

  const { rowCount } = await deps.pool.query('select 1 from sites limit 1');
  if (rowCount) return { sites: 0, slots: 0, vacancies: 0 };
  const loaded = { sites: 0, slots: 0, vacancies: 0 };
  await withTransaction(deps.pool, async (tx) => {
    for (const employer of demoEmployers)
      for (const { slots, vacancies, ...site } of employer.sites) {
        const { id: siteId } = await insertSite(tx, {
          id: randomUUID(),
          employerOrganisationId: employer.id,
          ...site,
        });
        loaded.sites += 1;
        for (const slot of slots) {
          await insertSlot(tx, {
            id: randomUUID(),
            employerOrganisationId: employer.id,
            siteId,
            startsOn: dayAfter(14),
            endsOn: dayAfter(42),
            ...slot,
          });
          loaded.slots += 1;
        }
        for (const vacancy of vacancies) {
          await insertVacancy(tx, {
            id: randomUUID(),
            employerOrganisationId: employer.id,
            siteId,
            closesOn: dayAfter(60),
            ...vacancy,
          });
          loaded.vacancies += 1;
        }
      }
  });
  return loaded;
}
