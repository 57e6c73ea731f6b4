import type { EventSubscription } from '@ladder/kafka';
import { programmes } from '../db/programmes.repository.js';

/**
 * Keeps this service's copy of programmes (operator, employment settings, deadlines) and of who is in
 * which programme, from the referral service's events, in the consumer's transaction.
 */
export function referralHandlers(): EventSubscription[] {
  return programmes.referralHandlers();
}
