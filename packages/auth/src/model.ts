import type { OrganisationKind } from '@ladder/vocabulary';

export { organisationKinds, type OrganisationKind } from '@ladder/vocabulary';

/** Who is asking: set on each request by the auth plugin. */
export interface Caller {
  organisationId: string;
  organisationKind: OrganisationKind;
  scopes: readonly string[];
  credential: { type: 'api-key' | 'jwt'; id: string };
}

/** Every scope a route may require. A key or OAuth client is granted a subset. */
export const scopes = {
  referralsWrite: 'referrals:write',
  referralsRead: 'referrals:read',
  programmesRead: 'programmes:read',
  programmesWrite: 'programmes:write',
  webhooksManage: 'webhooks:manage',
  participantsErase: 'participants:erase',
  /** Record a participant's withdrawal or renewal of consent (referrers and programme operators). */
  consentManage: 'consent:manage',
  /** A service reading the consented view of a participant for a provider or employer. */
  participantsView: 'participants:view',
  /** Courses, intakes, places and registers (providers and programme operators). */
  trainingRead: 'training:read',
  trainingWrite: 'training:write',
  /** Employers' sites, placement slots and placements (employers and programme operators). */
  employmentRead: 'employment:read',
  employmentWrite: 'employment:write',
  /** Read a programme operator's journeys and outcome reports (BI tools, integrations). */
  reportsRead: 'reports:read',
} as const;

export const allScopes: readonly string[] = Object.values(scopes);
