import { randomUUID } from 'node:crypto';
import type { Actor } from '@ladder/auth';
import type { PoolClient } from '@ladder/db';
import { problem } from '@ladder/http';
import { findProgrammeOf, type ProgrammeCopy } from '../db/programmes.repository.js';
import type { Vacancy } from '../db/vacancies.repository.js';

/**
 * The programme a request names, once `authorise` accepted the caller for it and the participant
 * is in it. The caller is checked before the participant, so only those who may act for the
 * programme learn who is in it.
 */
export async function programmeOfParticipant(
  tx: PoolClient,
  request: { programmeId: string; participantId: string },
  authorise: (programme: ProgrammeCopy) => void,
): Promise<ProgrammeCopy> {
  const found = await findProgrammeOf(tx, request.programmeId, request.participantId);
  if (!found)
    throw problem.unprocessable('no such programme', {
      code: 'unknown-programme',
      errors: [{ field: 'body.programmeId', message: 'no such programme' }],
    });
  authorise(found.programme);
  if (!found.participantIsIn)
    throw problem.unprocessable('the participant is not in this programme', {
      code: 'participant-not-in-programme',
      errors: [{ field: 'body.participantId', message: 'not a participant of the programme' }],
    });
  return found.programme;
}

/** What an interview or an offer is asked for: a vacancy, and a participant in a programme. */
export interface VacancyAsk {
  vacancyId: string;
  participantId: string;
  programmeId: string;
}

/** Refuses anyone but the programme's operator. */
export function assertOperatorOf(programme: ProgrammeCopy, actor: Actor, what: string): void {
  if (
    actor.organisationKind !== 'programme-operator' ||
    programme.operatorOrganisationId !== actor.organisationId
  )
    throw problem.forbidden(`only the operator of the programme may ${what}`, {
      code: 'not-programme-operator',
    });
}

/** The ids a new interview or offer records: its own, the vacancy's, and whose business it is. */
export const newVacancyStep = (
  vacancy: Vacancy,
  request: VacancyAsk,
  programme: ProgrammeCopy,
) => ({
  id: randomUUID(),
  vacancyId: vacancy.id,
  employerOrganisationId: vacancy.employerOrganisationId,
  participantId: request.participantId,
  programmeId: request.programmeId,
  operatorOrganisationId: programme.operatorOrganisationId,
});
