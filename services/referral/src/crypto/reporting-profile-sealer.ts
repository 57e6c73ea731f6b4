import { sealWithRing, type KeyRing } from '@ladder/crypto';
import {
  reportingProfileContext,
  reportingProfileSchema,
  reportingProfileSealedBytes,
  type ReportingProfile,
} from '@ladder/events';

/**
 * Seals a participant's reporting profile (postcode area, priority groups) for
 * `ReportingProfileShared`, under the reporting keys (`REPORTING_KEYS`) that only this service and
 * the ops service hold: a key ring of its own, so that the ops service never holds the master
 * keys that open everything else this service keeps.
 */
export class ReportingProfileSealer {
  constructor(private readonly ring: KeyRing) {}

  seal(referralId: string, profile: ReportingProfile): { keyId: string; sealed: string } {
    const json = JSON.stringify(reportingProfileSchema.parse(profile));
    // Padded with spaces (which JSON ignores) to one length: the ciphertext's length would
    // otherwise tell how many groups the participant is in, and hint at which.
    const padded = Buffer.alloc(reportingProfileSealedBytes, ' ');
    if (padded.write(json) < Buffer.byteLength(json))
      throw new Error(`a reporting profile must fit in ${reportingProfileSealedBytes} bytes`);
    const { keyId, sealed } = sealWithRing(this.ring, padded, reportingProfileContext(referralId));
    return { keyId, sealed: sealed.toString('base64') };
  }
}
