import { openWithRing, sealWithRing, type KeyRing } from '@ladder/crypto';
import {
  reportingProfileContext,
  reportingProfileSchema,
  reportingProfileSealedBytes,
  type ReportingProfile,
} from '@ladder/events';

/**
 * The only release a reporting profile is for: the outcome report, to the programme's operator.
 * The referral service shares a profile only while the consent covers it; the ops service deletes
 * its copy when a withdrawal covers it.
 */
export const reportingRelease = {
  purpose: 'outcome-reporting',
  recipient: 'programme-operator',
} as const;

/** `ReportingProfileShared`'s `profile`: the key it is sealed with, and iv | tag | ciphertext in base64. */
export interface SealedProfile {
  keyId: string;
  sealed: string;
}

/**
 * Seals a participant's reporting profile for a referral's `ReportingProfileShared`, with the
 * ring's current key and the referral as context, so that it opens only as that referral's.
 */
export function sealReportingProfile(
  ring: KeyRing,
  referralId: string,
  profile: ReportingProfile,
): SealedProfile {
  const json = JSON.stringify(reportingProfileSchema.parse(profile));
  // Padded with spaces (which JSON ignores) to one length: the ciphertext's length, which
  // AES-GCM does not hide, would otherwise tell how many groups the participant is in.
  const padded = Buffer.alloc(reportingProfileSealedBytes, ' ');
  if (padded.write(json) < Buffer.byteLength(json))
    throw new Error(`a reporting profile must fit in ${reportingProfileSealedBytes} bytes`);
  const { keyId, sealed } = sealWithRing(ring, padded, reportingProfileContext(referralId));
  return { keyId, sealed: sealed.toString('base64') };
}

/**
 * Opens a referral's sealed profile. Throws when the key it names is not in the ring, when it was
 * sealed for another referral or changed, or when what it holds is not a profile; the error
 * names the referral and the key, never what was sealed.
 */
export function openReportingProfile(
  ring: KeyRing,
  shared: { referralId: string; profile: SealedProfile },
): ReportingProfile {
  const plain = openWithRing(
    ring,
    { keyId: shared.profile.keyId, sealed: Buffer.from(shared.profile.sealed, 'base64') },
    reportingProfileContext(shared.referralId),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const profile = reportingProfileSchema.safeParse(parsed);
  if (!profile.success)
    throw new Error(`the sealed reporting profile of referral ${shared.referralId} is not one`);
  return profile.data;
}
