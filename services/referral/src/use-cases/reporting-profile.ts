import type { OutboxMessage } from '@ladder/db';
import {
  createEnvelope,
  reportingProfileSharedV1,
  topics,
  type EnvelopeContext,
} from '@ladder/events';
import type { KeyRing } from '@ladder/crypto';
import { reportingRelease, sealReportingProfile } from '@ladder/reporting-profile';
import type { PriorityGroup } from '@ladder/vocabulary';
import { consentFor, type Consent } from '../domain/consent.js';
import { postcodeArea } from '../domain/postcode.js';

export interface ReportingProfileFacts {
  referralId: string;
  participantId: string;
  programmeId: string;
  consent: Consent;
  /** As stored: capitals, no spaces. */
  postcode: string;
  priorityGroups: readonly PriorityGroup[];
}

/**
 * The `ReportingProfileShared` event for a referral whose consent covers outcome reporting to the
 * programme operator now; undefined when it does not (nothing of the profile leaves the service).
 * The area is the postcode area, never the district or the full postcode.
 */
export function reportingProfileShared(
  reportingKeys: KeyRing,
  facts: ReportingProfileFacts,
  now: Date,
  context: Omit<EnvelopeContext, 'subject'>,
): OutboxMessage | undefined {
  if (!consentFor(facts.consent, reportingRelease, now).allowed) return undefined;
  const profile = sealReportingProfile(reportingKeys, facts.referralId, {
    area: postcodeArea(facts.postcode),
    priorityGroups: [...new Set(facts.priorityGroups)].sort(),
  });
  return {
    topic: topics.referrals.name,
    envelope: createEnvelope(
      reportingProfileSharedV1,
      {
        referralId: facts.referralId,
        participantId: facts.participantId,
        programmeId: facts.programmeId,
        profile,
        sharedAt: now.toISOString(),
      },
      { ...context, subject: facts.participantId },
    ),
  };
}
