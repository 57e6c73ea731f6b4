import { scopes } from '@ladder/auth';
import { ApiClient } from '../clients/api-client.js';
import { EmployerApi, EmploymentOperatorApi } from '../clients/employer-api.js';
import { OpsApi } from '../clients/ops-api.js';
import { JobCentreApi, ProgrammesApi } from '../clients/referral-api.js';
import { StaffSession } from '../clients/staff-session.js';
import { ProviderApi, TrainingOperatorApi } from '../clients/training-api.js';
import { demoKey, type SystemDescription } from '../system/description.js';

/** The demo organisations the actors act as (the referral service's demo data). */
export const demoOrganisations = {
  jobCentre: 'org-luton-jobcentre',
  otherJobCentre: 'org-bedford-jobcentre',
  operator: 'org-blmk-academy',
  otherOperator: 'org-northants-icb',
  provider: 'org-luton-college',
  employer: 'org-l-and-d-trust',
  otherEmployer: 'org-chiltern-care',
} as const;

/** Every actor of a running system, each with its own demo key, through public APIs only. */
export interface Ladder {
  system: SystemDescription;
  /** Luton Jobcentre Plus: refers people and follows their referrals. */
  jobCentre: JobCentreApi;
  /** Bedford Jobcentre Plus: another referrer, who must see none of Luton's referrals. */
  otherJobCentre: JobCentreApi;
  /** The BLMK Health and Care Academy: publishes programmes, asks for places, proposes. */
  programmes: ProgrammesApi;
  trainingOperator: TrainingOperatorApi;
  employmentOperator: EmploymentOperatorApi;
  /** The academy's BI key on the ops JSON API. */
  ops: OpsApi;
  /** Northamptonshire ICB's: another operator, who must see none of BLMK's journeys. */
  otherOps: OpsApi;
  provider: ProviderApi;
  employer: EmployerApi;
  /** Programme staff in the ops screens (demo logins: casey, morgan, ada, nico). */
  staff(login: string): Promise<StaffSession>;
  /** Any demo Job Centre, by its organisation id. */
  jobCentreOf(organisationId: string): JobCentreApi;
}

export function connectTo(system: SystemDescription): Ladder {
  const client = (service: keyof SystemDescription['urls'], org: string, scope: string) =>
    new ApiClient(system.urls[service], demoKey(system, org, scope));
  const o = demoOrganisations;
  const jobCentreOf = (organisationId: string) =>
    new JobCentreApi(client('referral', organisationId, scopes.referralsWrite));
  return {
    system,
    jobCentre: jobCentreOf(o.jobCentre),
    otherJobCentre: jobCentreOf(o.otherJobCentre),
    programmes: new ProgrammesApi(client('referral', o.operator, scopes.programmesWrite)),
    trainingOperator: new TrainingOperatorApi(client('training', o.operator, scopes.trainingWrite)),
    employmentOperator: new EmploymentOperatorApi(
      client('employer', o.operator, scopes.employmentWrite),
    ),
    ops: new OpsApi(client('ops', o.operator, scopes.reportsRead)),
    otherOps: new OpsApi(client('ops', o.otherOperator, scopes.reportsRead)),
    provider: new ProviderApi(client('training', o.provider, scopes.trainingWrite)),
    employer: new EmployerApi(client('employer', o.employer, scopes.employmentWrite)),
    staff: (login) => StaffSession.signIn(system.urls.ops, login),
    jobCentreOf,
  };
}
