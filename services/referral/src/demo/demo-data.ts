import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { scopes, type CredentialStore } from '@ladder/auth';
import type { Pool } from '@ladder/db';
import { createProgramme, findProgramme } from '../db/programmes.repository.js';
import { priorityGroups } from '@ladder/vocabulary';
import { programmeRulesSchema } from '../domain/programme-rules.js';

/** The organisations `npm start` creates, after the real programmes in shared/domain. */
const organisations = [
  {
    id: 'org-luton-jobcentre',
    name: 'Luton Jobcentre Plus',
    kind: 'job-centre',
    scopes: [
      scopes.referralsWrite,
      scopes.referralsRead,
      scopes.programmesRead,
      scopes.webhooksManage,
      scopes.consentManage,
    ],
  },
  {
    id: 'org-bedford-jobcentre',
    name: 'Bedford Jobcentre Plus',
    kind: 'job-centre',
    scopes: [
      scopes.referralsWrite,
      scopes.referralsRead,
      scopes.programmesRead,
      scopes.webhooksManage,
      scopes.consentManage,
    ],
  },
  {
    id: 'org-blmk-academy',
    name: 'BLMK Health and Care Academy',
    kind: 'programme-operator',
    scopes: [
      scopes.programmesRead,
      scopes.programmesWrite,
      scopes.participantsErase,
      scopes.consentManage,
      // the ops service's journeys and outcome reports, for BI tools
      scopes.reportsRead,
    ],
  },
  {
    // A second programme operator: its staff must never see BLMK's journeys (the ops service).
    id: 'org-northants-icb',
    name: 'Northamptonshire ICB',
    kind: 'programme-operator',
    scopes: [scopes.programmesRead, scopes.reportsRead],
  },
  {
    id: 'org-luton-college',
    name: 'Luton Adult Learning',
    kind: 'training-provider',
    scopes: [scopes.programmesRead],
  },
  {
    id: 'org-l-and-d-trust',
    name: 'Bedfordshire Hospitals NHS Foundation Trust',
    kind: 'employer',
    scopes: [scopes.programmesRead],
  },
] as const;

export const demoProgramme = {
  id: 'blmk-step-into-health',
  operatorOrganisationId: 'org-blmk-academy',
  rules: programmeRulesSchema.parse({
    name: 'Stepping Into Health and Care Careers (BLMK)',
    ageRange: { min: 16, max: 64 },
    eligibleGroups: [...priorityGroups],
    areas: ['LU', 'MK', 'SG', 'AL'],
    deadlines: {},
  }),
};

/**
 * The same programme with short durations, so that a journey's employment end runs in minutes
 * under `npm start`: sustainment marks about 3 and 6 minutes after the start in post. The
 * day-counted rules (the offer's response window, a check's due date, the employer's answer to a
 * sustainment task) are whole days in the rules' contract, so they are at their one-day minimum.
 */
export const shortDemoProgramme = {
  id: 'blmk-demo-fast',
  operatorOrganisationId: 'org-blmk-academy',
  rules: programmeRulesSchema.parse({
    name: 'Stepping Into Health and Care Careers (BLMK, short demo)',
    ageRange: { min: 16, max: 64 },
    eligibleGroups: [...priorityGroups],
    areas: ['LU', 'MK', 'SG', 'AL'],
    deadlines: { offerResponseDays: 1, preEmploymentChecksDays: 1 },
    employment: {
      checkDueDays: 1,
      sustainmentResponseDays: 1,
      sustainmentMarkDays: { '13': 0.002, '26': 0.004 },
    },
  }),
};

/** Creates the demo programmes that are not there yet (a second run changes nothing). */
async function loadDemoProgrammes(pool: Pool): Promise<void> {
  for (const programme of [demoProgramme, shortDemoProgramme])
    if (!(await findProgramme(pool, programme.id))) await createProgramme(pool, programme);
}

export interface DemoCredentials {
  note: string;
  organisations: {
    id: string;
    name: string;
    kind: string;
    apiKey: string;
    keyId: string;
    scopes: readonly string[];
  }[];
}

/**
 * Creates the demo organisations, their API keys and the demo programmes, once. Keys are shown
 * once by design, so they are kept in `.ladder/demo-credentials.json` (git-ignored); if that file
 * is lost, new keys are issued.
 */
export async function loadDemoData(deps: {
  pool: Pool;
  store: CredentialStore;
  credentialsFile: string;
}): Promise<DemoCredentials> {
  if (existsSync(deps.credentialsFile)) {
    const saved = JSON.parse(readFileSync(deps.credentialsFile, 'utf8')) as DemoCredentials;
    const stillValid = await Promise.all(
      saved.organisations.map(
        async (o) => (await deps.store.authenticateApiKey(o.apiKey)) !== undefined,
      ),
    );
    if (stillValid.every(Boolean)) {
      await loadDemoProgrammes(deps.pool);
      return saved;
    }
  }
  const credentials: DemoCredentials = {
    note: 'Demo API keys for local use only. Send as: Authorization: Bearer <apiKey>',
    organisations: [],
  };
  for (const org of organisations) {
    if (!(await deps.store.getOrganisation(org.id)))
      await deps.store.createOrganisation({ id: org.id, name: org.name, kind: org.kind });
    const { keyId, apiKey } = await deps.store.createApiKey({
      organisationId: org.id,
      scopes: [...org.scopes],
      label: 'demo (npm start)',
    });
    credentials.organisations.push({
      id: org.id,
      name: org.name,
      kind: org.kind,
      apiKey,
      keyId,
      scopes: org.scopes,
    });
  }
  await loadDemoProgrammes(deps.pool);
  mkdirSync(dirname(deps.credentialsFile), { recursive: true });
  writeFileSync(deps.credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
