import type { Client } from '@temporalio/client';
import { consentExpiredV1, consentRenewedV1, consentWithdrawnV1 } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import { consentChanged, type ConsentChange } from '@ladder/workflow-contracts';
import { signalRunningJourney, type JourneyOf } from './journey-signals.js';

/**
 * The referral service's consent events to the participant's journey, as `consentChanged`
 * signals (codes and times only). With no running journey there is nothing to tell: skipped.
 */
export function consentBridgeHandlers(client: Client): EventSubscription[] {
  const tell = async (journey: JourneyOf, change: ConsentChange): Promise<void> => {
    await signalRunningJourney(client, journey, consentChanged, change);
  };
  return [
    on(consentWithdrawnV1, ({ id, data }) =>
      tell(data, {
        eventId: id,
        change: 'withdrawn',
        at: data.withdrawnAt,
        purposes: data.purposes,
        recipients: data.recipients,
      }),
    ),
    on(consentRenewedV1, ({ id, data }) =>
      tell(data, { eventId: id, change: 'renewed', at: data.renewedAt, expiresAt: data.expiresAt }),
    ),
    on(consentExpiredV1, ({ id, data }) =>
      tell(data, { eventId: id, change: 'expired', at: data.expiredAt }),
    ),
  ];
}
