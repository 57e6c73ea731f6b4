import { z } from 'zod';
import type { ConsentPurpose, ConsentRecipient } from '@ladder/vocabulary';
import { consentPurposeSchema, consentRecipientSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

export const consentWithdrawnV1 = defineEvent({
  type: 'ConsentWithdrawn',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when the referrer or the programme operator records that the participant withdrew part of their consent: from then on no data is released for the pairs (purpose, recipient) it names. Every service that holds a view of the participant's data stops using it.",
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    /** Empty: every purpose. */
    purposes: z.array(consentPurposeSchema),
    /** Empty: every recipient. */
    recipients: z.array(consentRecipientSchema),
    withdrawnAt: z.iso.datetime({ offset: true }),
    /** The organisation that recorded it. */
    recordedBy: z.string().min(1),
  }),
});

/**
 * Whether a withdrawal (as `ConsentWithdrawn` carries it: an empty list means every purpose, or
 * every recipient) takes back the release of data for `purpose` to `recipient`.
 */
export function withdrawalCovers(
  withdrawal: { purposes: readonly ConsentPurpose[]; recipients: readonly ConsentRecipient[] },
  release: { purpose: ConsentPurpose; recipient: ConsentRecipient },
): boolean {
  const covers = <T>(list: readonly T[], value: T): boolean =>
    list.length === 0 || list.includes(value);
  return (
    covers(withdrawal.purposes, release.purpose) && covers(withdrawal.recipients, release.recipient)
  );
}
