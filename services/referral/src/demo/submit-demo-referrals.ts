/**
 * Run by `npm start` once the service is up: refers a few demo people through the real API, as a
 * Job Centre would, so journeys start. Fixed idempotency keys make a second run a replay.
 * Env: APP_URL (the running service), DEMO_CREDENTIALS_FILE.
 */
import { readFileSync } from 'node:fs';
import type { DemoCredentials } from './demo-data.js';
import { demoProgramme, shortDemoProgramme } from './demo-data.js';

const api = process.env.APP_URL ?? 'http://127.0.0.1:3001';
const credentials = JSON.parse(
  readFileSync(process.env.DEMO_CREDENTIALS_FILE ?? '', 'utf8'),
) as DemoCredentials;
const luton = credentials.organisations.find((o) => o.id === 'org-luton-jobcentre');
if (!luton) throw new Error('the demo credentials have no Luton Jobcentre');

// Made-up people (NI numbers use the QQ prefix, which is never issued).
const people = [
  {
    givenName: 'Aisha',
    familyName: 'Demo-Khan',
    dateOfBirth: '2005-06-14',
    niNumber: 'QQ100001A',
    postcode: 'LU1 3JH',
    groups: ['neet'],
  },
  {
    givenName: 'Ben',
    familyName: 'Demo-Walker',
    dateOfBirth: '2002-01-30',
    niNumber: 'QQ100002B',
    postcode: 'LU4 9AB',
    groups: ['care-experienced'],
  },
  {
    givenName: 'Chloe',
    familyName: 'Demo-Okafor',
    dateOfBirth: '1998-11-02',
    niNumber: 'QQ100003C',
    postcode: 'MK9 2FW',
    groups: ['unpaid-carer', 'long-term-unemployed'],
  },
  {
    givenName: 'Dan',
    familyName: 'Demo-Novak',
    dateOfBirth: '2004-09-09',
    postcode: 'SG1 1AA',
    groups: ['send', 'neurodivergent'],
  },
  {
    givenName: 'Esi',
    familyName: 'Demo-Mensah',
    dateOfBirth: '1960-04-04',
    niNumber: 'QQ100005D',
    postcode: 'B1 1AA',
    groups: ['needs-esol'],
  },
  {
    givenName: 'Femi',
    familyName: 'Demo-Adeyemi',
    dateOfBirth: '2001-03-21',
    niNumber: 'QQ100006A',
    postcode: 'LU2 0AA',
    groups: ['long-term-unemployed'],
    // Into the short programme, whose sustainment marks come within minutes.
    programmeId: shortDemoProgramme.id,
  },
  {
    givenName: 'Gus',
    familyName: 'Demo-Taylor',
    dateOfBirth: '2006-08-19',
    niNumber: 'QQ100007B',
    postcode: 'AL1 3JE',
    groups: ['economically-disadvantaged-area', 'neet'],
    // No consent to outcome reporting: the report counts Gus as "not shared".
    reporting: false,
  },
];

const purposes = ['programme-delivery', 'training', 'work-placement', 'employment'];

let accepted = 0;
for (const [i, p] of people.entries()) {
  const response = await fetch(`${api}/v1/referrals`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${luton.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': `demo-referral-${i + 1}`,
    },
    body: JSON.stringify({
      programmeId: p.programmeId ?? demoProgramme.id,
      person: {
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        postcode: p.postcode,
        ...(p.niNumber ? { niNumber: p.niNumber } : {}),
      },
      priorityGroups: p.groups,
      reasonableAdjustments: p.groups.includes('neurodivergent') ? ['written instructions'] : [],
      workCoach: {
        name: 'Demo Work Coach',
        email: 'work.coach@jobcentre.example',
        office: 'Luton',
      },
      consent: {
        // Outcome reporting to the operator: their postcode area and groups go, sealed, to the
        // ops service's report.
        purposes: p.reporting === false ? purposes : [...purposes, 'outcome-reporting'],
        recipients: ['programme-operator', 'training-provider', 'employer', 'job-centre'],
        givenAt: '2026-11-01T09:00:00Z',
        expiresAt: '2028-11-01T09:00:00Z',
      },
    }),
  });
  if (response.status === 200 || response.status === 201) accepted += 1;
  else
    process.stderr.write(
      `demo referral ${i + 1}: HTTP ${response.status} ${await response.text()}\n`,
    );
}
process.stdout.write(`demo referrals submitted: ${accepted} of ${people.length}\n`);
