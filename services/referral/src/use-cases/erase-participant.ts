import { appendToOutbox, withTransaction } from '@ladder/db';
import { createEnvelope, participantErasedV1, topics } from '@ladder/events';
import { serviceName, type ReferralDeps } from './deps.js';

/**
 * Erasure (UK GDPR right to erasure), by the operator of a programme the participant is in: their
 * data key is deleted, which makes every encrypted copy of their personal data here unreadable at
 * once, and `ParticipantErased` tells the services holding anything derived from it (the ops
 * read model's area and priority groups) to delete theirs. False when the participant is in none
 * of the operator's programmes.
 */
export async function eraseParticipant(
  deps: ReferralDeps,
  ctx: { participantId: string; operatorOrganisationId: string; correlationId: string },
): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    const { rows } = await tx.query<{ n: string }>(
      `select count(*) as n from referrals r join programmes p on p.id = r.programme_id
        where r.participant_id = $1 and p.operator_organisation_id = $2`,
      [ctx.participantId, ctx.operatorOrganisationId],
    );
    if (Number(rows[0]?.n) === 0) return false;
    await deps.vault.erase(tx, ctx.participantId);
    await appendToOutbox(tx, [
      {
        topic: topics.referrals.name,
        envelope: createEnvelope(
          participantErasedV1,
          {
            participantId: ctx.participantId,
            erasedAt: deps.now().toISOString(),
            erasedBy: ctx.operatorOrganisationId,
          },
          { source: serviceName, subject: ctx.participantId, correlationId: ctx.correlationId },
        ),
      },
    ]);
    return true;
  });
}
