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

/** How an interview is held: at one of the employer's sites, or by video call. */
export const interviewFormats = ['in-person', 'video'] as const;
export type InterviewFormat = (typeof interviewFormats)[number];

/** Whether the participant came to the interview. */
export const interviewAttendances = ['attended', 'missed'] as const;
export type InterviewAttendance = (typeof interviewAttendances)[number];

/** The employer's decision after an interview the participant attended. */
export const interviewResults = ['successful', 'unsuccessful', 'no-decision'] as const;
export type InterviewResult = (typeof interviewResults)[number];

/** Who recorded the participant's answer to an offer (they answer by phone, email or in person). */
export const offerAnswerRecorders = ['programme-operator', 'employer'] as const;
export type OfferAnswerRecorder = (typeof offerAnswerRecorders)[number];

/** Where a placement stands: each placement event moves it to one of these. */
export const placementStatuses = [
  'proposed',
  'confirmed',
  'declined',
  'started',
  'completed',
  'ended-early',
] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/** Where an offer stands: each offer event that answers, ends or frees it moves it to one of these. */
export const offerStatuses = [
  'made',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  'unconditional',
] as const;
export type OfferStatus = (typeof offerStatuses)[number];
