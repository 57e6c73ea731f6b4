import { z } from 'zod';
import { calendarDay, timestamp } from '@ladder/http';
import {
  consentPurposeSchema,
  consentRecipientSchema,
  contactPreferenceSchema,
  priorityGroupSchema,
} from '@ladder/vocabulary/schemas';

/**
 * UK National Insurance number: two letters, six digits, A-D (spaces and lower case allowed on
 * input). The loose pattern is checked on the input too, so the OpenAPI document shows it.
 */
const niNumber = z
  .string()
  .regex(
    /^\s*[A-Za-z]{2}(\s*[0-9]){6}\s*[A-Da-d]\s*$/,
    'a National Insurance number such as QQ123456C',
  )
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      // HMRC's format, plus the prefix QQ: never issued, it is the one used in examples and tests.
      .regex(
        /^(?:QQ|(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[0-9]{6}[A-D]$/,
        'a National Insurance number such as QQ123456C',
      ),
  );

const toUtc = (time: string): string => new Date(time).toISOString();

const ukPostcode = z
  .string()
  .regex(
    /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$/,
    'a UK postcode such as LU1 2AB',
  )
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/, 'a UK postcode such as LU1 2AB'),
  );

/** The body of `POST /v1/referrals`: everything a work coach knows, so the person never repeats it. */
export const referralRequestSchema = z.object({
  programmeId: z.string().min(1).max(100),
  person: z.object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    dateOfBirth: calendarDay(),
    niNumber: niNumber.optional(),
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{7,20}$/, 'a phone number')
      .optional(),
    postcode: ukPostcode,
    /** How they like to be contacted; when left out, the first of email, phone, the work coach. */
    contactPreference: contactPreferenceSchema.optional(),
  }),
  priorityGroups: z.array(priorityGroupSchema).max(8).default([]),
  reasonableAdjustments: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  workCoach: z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    office: z.string().trim().max(200).optional(),
  }),
  consent: z.object({
    purposes: z.array(consentPurposeSchema).min(1),
    recipients: z.array(consentRecipientSchema).min(1),
    // Kept in UTC, so that stored consent times sort as text (the expiry job relies on it).
    givenAt: timestamp().transform(toUtc),
    expiresAt: timestamp().transform(toUtc),
  }),
  notes: z.string().max(4000).optional(),
});

export type ReferralRequest = z.infer<typeof referralRequestSchema>;
export type ReferralRequestInput = z.input<typeof referralRequestSchema>;
