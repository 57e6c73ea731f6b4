import { withTransaction } from '@ladder/db';
import type { ParticipantView, ParticipantViewQuery } from '@ladder/participant-view';
import type { ContactPreference } from '@ladder/vocabulary';
import type { ReferralRow } from '../db/referrals.repository.js';
import { consentFor } from '../domain/consent.js';
import type { ReferralDeps } from './deps.js';
import { personalDataContext, type PersonalData } from './referral-view.js';

/** What a person stated, or the first means of contact they gave. */
function contactPreferenceOf(person: PersonalData['person']): ContactPreference {
  return (
    person.contactPreference ?? (person.email ? 'email' : person.phone ? 'phone' : 'via-work-coach')
  );
}

/**
 * The consented view of a participant for a recipient, decided on their latest referral's consent
 * (the most recent word they gave), and recorded: who asked, for whom, what, and the answer.
 * Undefined for a participant never referred.
 */
export async function viewParticipant(
  deps: ReferralDeps,
  participantId: string,
  ask: ParticipantViewQuery & { callerOrganisationId: string },
): Promise<ParticipantView | undefined> {
  return withTransaction(deps.pool, async (tx) => {
    const { rows } = await tx.query<Pick<ReferralRow, 'id' | 'consent' | 'personal_data'>>(
      `select id, consent, personal_data from referrals
       where participant_id = $1 order by created_at desc, id desc limit 1`,
      [participantId],
    );
    const referral = rows[0];
    if (!referral) return undefined;
    const key = await deps.vault.existingKey(tx, participantId);
    // Erasure first: nothing is left to release, whatever the consent says.
    const decision = key ? consentFor(referral.consent, ask, deps.now()) : undefined;
    const refusal = !decision ? 'erased' : decision.allowed ? undefined : decision.reason;
    await tx.query(
      `insert into participant_view_releases
         (participant_id, referral_id, caller_organisation_id, on_behalf_of, purpose, recipient, released, refusal)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        participantId,
        referral.id,
        ask.callerOrganisationId,
        ask.onBehalfOf,
        ask.purpose,
        ask.recipient,
        refusal === undefined,
        refusal ?? null,
      ],
    );
    if (refusal !== undefined || !key) {
      return { participantId, released: false, reason: refusal ?? 'erased' };
    }
    const data = deps.vault.decrypt<PersonalData>(
      key,
      referral.personal_data,
      personalDataContext(referral.id),
    );
    return {
      participantId,
      released: true,
      person: {
        givenName: data.person.givenName,
        familyName: data.person.familyName,
        contactPreference: contactPreferenceOf(data.person),
        reasonableAdjustments: data.reasonableAdjustments,
      },
    };
  });
}
