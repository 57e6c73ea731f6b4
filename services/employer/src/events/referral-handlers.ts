import { on, type EventSubscription } from '@ladder/kafka';
import { programmeRulesPublishedV1, referralSubmittedV3 } from '@ladder/events';
import { programmeEmploymentSettingsSchema } from '@ladder/vocabulary/schemas';
import { storeProgramme, storeProgrammeParticipant } from '../db/programmes.repository.js';

/**
 * Keeps this service's copy of programmes (operator, employment settings and deadlines) and of who is in which
 * programme, from the referral service's events, in the consumer's transaction.
 */
export function referralHandlers(): EventSubscription[] {
  return [
    on(programmeRulesPublishedV1, async (event, { tx }) => {
      const { data } = event;
      await storeProgramme(tx, {
        id: data.programmeId,
        operatorOrganisationId: data.operatorOrganisationId,
        version: data.version,
        employment: programmeEmploymentSettingsSchema.parse(data.rules.employment),
        deadlines: data.rules.deadlines,
      });
    }),
    on(referralSubmittedV3, async (event, { tx }) => {
      const { referralId, participantId, programmeId } = event.data;
      await storeProgrammeParticipant(tx, { referralId, participantId, programmeId });
    }),
  ];
}
