import { withTransaction, type Queryable } from '@ladder/db';
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
 * Whether the participant was referred to a programme the organisation runs: a programme operator
 * is only ever shown the people of its own programmes.
 */
async function operatorRunsProgrammeOf(
  db: Queryable,
  participantId: string,
  operatorOrganisationId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from referrals r join programmes p on p.id = r.programme_id
      where r.participant_id = $1 and p.operator_organisation_id = $2 limit 1`,
    [participantId, operatorOrganisationId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * The consented view of a participant for a recipient, decided on their latest referral's consent
 * (the most recent word they gave), and recorded: who asked, for whom, what, and the answer.
 * Undefined for a participant never referred, and, asked for a programme operator, for one whose
 * programmes the participant was never referred to (another operator's participant does not exist
 * for it).
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
    if (
      ask.recipient === 'programme-operator' &&
      !(await operatorRunsProgrammeOf(tx, participantId, ask.onBehalfOf))
    )
      return undefined;
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
