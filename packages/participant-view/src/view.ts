import { z } from 'zod';
import {
  consentPurposeSchema,
  consentRecipientSchema,
  contactPreferenceSchema,
  participantViewRefusalSchema,
} from '@ladder/vocabulary/schemas';

/** What is asked: for which purpose, for which kind of recipient, and for which organisation. */
export const participantViewQuerySchema = z.object({
  purpose: consentPurposeSchema,
  recipient: consentRecipientSchema,
  /** The provider or employer organisation the data is for (recorded with the release). */
  onBehalfOf: z.string().min(1).max(100),
});
export type ParticipantViewQuery = z.infer<typeof participantViewQuerySchema>;

/** The fields a recipient may see, and nothing more. */
export const releasedPersonSchema = z.object({
  givenName: z.string(),
  familyName: z.string(),
  contactPreference: contactPreferenceSchema,
  reasonableAdjustments: z.array(z.string()),
});
export type ReleasedPerson = z.infer<typeof releasedPersonSchema>;

/**
 * The answer for a known participant: the person when their consent covers the purpose and the
 * recipient and is current, otherwise only why not.
 */
export const participantViewSchema = z.discriminatedUnion('released', [
  z.object({
    participantId: z.uuid(),
    released: z.literal(true),
    person: releasedPersonSchema,
  }),
  z.object({
    participantId: z.uuid(),
    released: z.literal(false),
    reason: participantViewRefusalSchema,
  }),
]);
export type ParticipantView = z.infer<typeof participantViewSchema>;

/** The internal route that answers it (in the referral service). */
export const participantViewPath = (participantId: string): string =>
  `/internal/v1/participants/${encodeURIComponent(participantId)}/view`;
