/** Entry-level roles that health and care employers recruit into (there are 350+ NHS careers). */
export const entryLevelRoles = [
  'healthcare-support-worker',
  'nursing-support',
  'pharmacy-assistant',
  'pharmacy-support',
  'porter',
  'theatre-porter',
  'administrative-assistant',
  'receptionist',
  'business-administrator',
  'it-apprentice',
  'driver',
  'warehouse',
  'catering-assistant',
] as const;
export type EntryLevelRole = (typeof entryLevelRoles)[number];

/** Kinds of work placement an employer can offer. */
export const placementKinds = ['work-experience', 'shadowing', 'work-placement'] as const;
export type PlacementKind = (typeof placementKinds)[number];

/** NHS Agenda for Change pay bands that entry-level roles sit in. */
export const agendaForChangeBands = ['band-1', 'band-2', 'band-3', 'band-4'] as const;
export type AgendaForChangeBand = (typeof agendaForChangeBands)[number];
