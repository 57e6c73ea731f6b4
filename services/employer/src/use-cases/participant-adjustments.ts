import type { Actor } from '@ladder/auth';
import type { ParticipantViewRefusal } from '@ladder/vocabulary';
import type { EmployerDeps } from './deps.js';

/**
 * What an employer is shown of a participant for an interview: their reasonable adjustments when
 * their consent covers recruitment by an employer, otherwise only why not. `unknown-participant`:
 * the holder of the data does not know them; `unavailable`: it did not answer (try again).
 */
export type ParticipantAdjustments =
  | { participantId: string; released: true; reasonableAdjustments: string[] }
  | {
      participantId: string;
      released: false;
      reason: ParticipantViewRefusal | 'unknown-participant' | 'unavailable';
    };

/**
 * Fetches the consented view now, for this one answer, and keeps only the adjustments: nothing
 * of it is stored or logged. An employer is the only caller shown it (the operator holds the
 * participant's data itself).
 */
export async function adjustmentsFor(
  deps: EmployerDeps,
  actor: Actor,
  participantId: string,
): Promise<ParticipantAdjustments | undefined> {
  if (actor.organisationKind !== 'employer') return undefined;
  try {
    const view = await deps.participantViews.view(participantId, {
      purpose: 'recruitment',
      recipient: 'employer',
      onBehalfOf: actor.organisationId,
    });
    if (!view) return { participantId, released: false, reason: 'unknown-participant' };
    return view.released
      ? {
          participantId,
          released: true,
          reasonableAdjustments: view.person.reasonableAdjustments,
        }
      : { participantId, released: false, reason: view.reason };
  } catch (error) {
    // The interview answer stands without it; the error names a status, never the person.
    deps.logger.warn(
      { participantId, err: (error as Error).message },
      'the participant view did not answer',
    );
    return { participantId, released: false, reason: 'unavailable' };
  }
}
