import type { KeyRing } from '@ladder/crypto';
import {
  consentExpiredV1,
  consentWithdrawnV1,
  participantErasedV1,
  reportingProfileSharedV1,
  withdrawalCovers,
} from '@ladder/events';
import type { EventSubscription } from '@ladder/kafka';
import { openReportingProfile } from '@ladder/reporting-profile';
import { lockJourney } from '../db/projection.repository.js';
import {
  lockProfileJourneys,
  recordParticipantErased,
  recordProfileShared,
  recordProfileTakenBack,
  refreshReportingProfiles,
} from '../db/reporting-profile.repository.js';
import { handle } from './typed-handler.js';

/** What the read model's area and priority groups are for: the operator's outcome report. */
const reportingRelease = { purpose: 'outcome-reporting', recipient: 'programme-operator' } as const;

/**
 * The participant's area and priority groups: opened from `ReportingProfileShared` with the
 * reporting keys, and deleted when the consent for outcome reporting to the operator is
 * withdrawn or expires, or the participant is erased.
 */
export function reportingProfileHandlers(reportingKeys: KeyRing): EventSubscription[] {
  return [
    handle(reportingProfileSharedV1, async (data, event, { tx }) => {
      const profile = openReportingProfile(reportingKeys, data);
      await lockJourney(tx, data, data.sharedAt);
      await recordProfileShared(tx, {
        ...data,
        eventId: event.id,
        occurredAt: data.sharedAt,
        profile,
      });
      await refreshReportingProfiles(tx, [data.referralId]);
    }),
    handle(consentWithdrawnV1, async (data, event, { tx }) => {
      if (!withdrawalCovers(data, reportingRelease)) return;
      const journeys = await lockProfileJourneys(tx, data);
      await recordProfileTakenBack(tx, {
        ...data,
        eventId: event.id,
        occurredAt: data.withdrawnAt,
        change: 'consent-withdrawn',
      });
      await refreshReportingProfiles(tx, journeys);
    }),
    handle(consentExpiredV1, async (data, event, { tx }) => {
      const journeys = await lockProfileJourneys(tx, data);
      await recordProfileTakenBack(tx, {
        ...data,
        eventId: event.id,
        occurredAt: data.expiredAt,
        change: 'consent-expired',
      });
      await refreshReportingProfiles(tx, journeys);
    }),
    handle(participantErasedV1, async (data, event, { tx }) => {
      const journeys = await lockProfileJourneys(tx, data);
      await recordParticipantErased(tx, {
        participantId: data.participantId,
        eventId: event.id,
        occurredAt: data.erasedAt,
      });
      await refreshReportingProfiles(tx, journeys);
    }),
  ];
}
