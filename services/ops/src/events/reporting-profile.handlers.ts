import type { KeyRing } from '@ladder/crypto';
import {
  consentExpiredV1,
  consentWithdrawnV1,
  participantErasedV1,
  reportingProfileSharedV1,
  withdrawalCovers,
} from '@ladder/events';
import type { Queryable } from '@ladder/db';
import type { EventSubscription } from '@ladder/kafka';
import { openReportingProfile, reportingRelease } from '@ladder/reporting-profile';
import { lockJourney } from '../db/projection.repository.js';
import {
  lockProfileJourneys,
  recordParticipantErased,
  recordProfileShared,
  recordProfileTakenBack,
  refreshReportingProfiles,
} from '../db/reporting-profile.repository.js';
import { handle } from './typed-handler.js';

/** Consent for outcome reporting was withdrawn or expired: the referral's profile goes. */
async function takeBack(
  tx: Queryable,
  referral: { referralId: string; participantId: string },
  event: { eventId: string; occurredAt: string },
  change: 'consent-withdrawn' | 'consent-expired',
): Promise<void> {
  const journeys = await lockProfileJourneys(tx, { referralId: referral.referralId });
  await recordProfileTakenBack(tx, { ...referral, ...event, change });
  await refreshReportingProfiles(tx, journeys);
}

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
      if (withdrawalCovers(data, reportingRelease))
        await takeBack(
          tx,
          data,
          { eventId: event.id, occurredAt: data.withdrawnAt },
          'consent-withdrawn',
        );
    }),
    handle(consentExpiredV1, (data, event, { tx }) =>
      takeBack(tx, data, { eventId: event.id, occurredAt: data.expiredAt }, 'consent-expired'),
    ),
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
