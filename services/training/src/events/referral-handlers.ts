import type { EventHandler } from '@ladder/kafka';
import type { EventData, programmeRulesPublishedV1 } from '@ladder/events';
import { programmeTrainingSettingsSchema } from '@ladder/vocabulary/schemas';
import { storeProgramme, storeProgrammeParticipant } from '../db/programmes.repository.js';

/** The fields of ReferralSubmitted this service reads (a tolerant reader of v1 and v2). */
interface ReferralSubmittedData {
  referralId: string;
  participantId: string;
  programmeId: string;
}

/**
 * Keeps this service's copy of programmes (operator, training settings) and of who is in which
 * programme, from the referral service's events, in the consumer's transaction.
 */
export function referralHandlers(): Record<string, EventHandler> {
  return {
    ProgrammeRulesPublished: async (event, { tx }) => {
      const data = event.data as EventData<typeof programmeRulesPublishedV1>;
      await storeProgramme(tx, {
        id: data.programmeId,
        operatorOrganisationId: data.operatorOrganisationId,
        version: data.version,
        training: programmeTrainingSettingsSchema.parse(data.rules.training),
      });
    },
    ReferralSubmitted: async (event, { tx }) => {
      const data = event.data as ReferralSubmittedData;
      await storeProgrammeParticipant(tx, data);
    },
  };
}
