import type { JourneyDeadlines } from '@ladder/vocabulary';
import {
  bearer,
  proposedParticipant,
  vacancyAt,
  withKey,
  type Caller,
  type EmployerTestApp,
} from './employer-app.js';

export interface OfferRow {
  id: string;
  status: string;
  respondBy: string;
  reasonCode: string | null;
}

/** Makes an offer of a vacancy, as the employer unless told otherwise. */
export const makeOffer = (
  t: EmployerTestApp,
  vacancyId: string,
  body: Record<string, unknown>,
  by: Caller = t.employer,
  key?: string,
) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/offers`,
    headers: withKey(by, key),
    payload: body,
  });

/** POSTs an action on an offer (`accept`, `decline`, `withdraw`). */
export const actOnOffer = (
  t: EmployerTestApp,
  id: string,
  action: string,
  by: Caller = t.employer,
  payload?: object,
) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/offers/${id}/${action}`,
    headers: bearer(by),
    ...(payload ? { payload } : {}),
  });

/** A participant proposed to the employer, and an offer of a new vacancy made to them. */
export async function madeOffer(
  t: EmployerTestApp,
  deadlines?: Partial<JourneyDeadlines>,
  settings: Record<string, unknown> = {},
) {
  const { vacancyId } = await vacancyAt(t);
  const { programmeId, participantId } = await proposedParticipant(t, deadlines, settings);
  const made = await makeOffer(t, vacancyId, { participantId, programmeId });
  if (made.statusCode !== 201) throw new Error(`offer: ${made.statusCode} ${made.body}`);
  return { vacancyId, programmeId, participantId, offer: made.json<OfferRow>() };
}

/** An offer accepted (recorded by the operator): its six checks are running. */
export async function acceptedOffer(t: EmployerTestApp, settings: Record<string, unknown> = {}) {
  const made = await madeOffer(t, undefined, settings);
  const accepted = await actOnOffer(t, made.offer.id, 'accept', t.operator);
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode}`);
  return made;
}
