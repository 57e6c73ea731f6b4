import { z } from 'zod';
import { postcodeAreaSchema, priorityGroupSchema } from '@ladder/vocabulary/schemas';
import { defineEvent } from '../define-event.js';
import { topics } from '../topics.js';

/**
 * What `ReportingProfileShared` seals: the participant's postcode area and priority groups, for
 * the outcome report's breakdowns. Special category data (disability, neurodivergence, care
 * history): it travels only sealed, and is read only by the services holding the reporting keys.
 */
export const reportingProfileSchema = z.object({
  area: postcodeAreaSchema,
  priorityGroups: z.array(priorityGroupSchema),
});
export type ReportingProfile = z.infer<typeof reportingProfileSchema>;

/**
 * The additional data a profile is sealed with: a sealed profile copied into another referral's
 * event does not open there.
 */
export const reportingProfileContext = (referralId: string): string =>
  `reporting-profile:${referralId}`;

/**
 * The sealed profile is padded to this many bytes before it is sealed, so that the ciphertext's
 * length (which AES-GCM does not hide) tells nothing of how many groups, or which, it holds.
 */
export const reportingProfileSealedBytes = 256;

export const reportingProfileSharedV1 = defineEvent({
  type: 'ReportingProfileShared',
  version: 1,
  topic: topics.referrals,
  description:
    "Published by the referral service when the participant's consent covers `outcome-reporting` to the `programme-operator`: with the referral, and again when the consent is renewed. `profile` is the participant's postcode area and priority groups (`{ area, priorityGroups }` as JSON, padded with spaces to 256 bytes), sealed with AES-256-GCM under the reporting key it names (`REPORTING_KEYS`, held by the referral and ops services only), with `reporting-profile:<referralId>` as additional data. Nothing in it is readable without that key. A later `ConsentWithdrawn` covering the pair, `ConsentExpired` or `ParticipantErased` means the profile may no longer be used.",
  data: z.object({
    referralId: z.uuid(),
    participantId: z.uuid(),
    programmeId: z.string().min(1),
    profile: z.object({
      keyId: z.string().min(1).describe('the reporting key it is sealed with'),
      sealed: z.base64().describe('iv (12 bytes), tag (16), ciphertext; base64'),
    }),
    sharedAt: z.iso.datetime({ offset: true }),
  }),
});
