import { timestamp } from '@ladder/http';
import type { ChangePosition } from '../db/referral-changes.repository.js';
import { z } from 'zod';
import { withdrawalReasonSchema } from '@ladder/vocabulary/schemas';

export const referralSummarySchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  programmeId: z.string(),
  programmeVersion: z.number().int(),
  status: z.string(),
  eligibility: z.object({
    decision: z.enum(['eligible', 'not-eligible']),
    reasonCodes: z.array(z.string()),
  }),
  createdAt: z.string(),
  links: z.object({ self: z.string() }),
});

export const milestoneSchema = z.object({
  code: z.string(),
  occurredAt: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const referralDetailSchema = referralSummarySchema.extend({
  stage: z.string().nullable(),
  outcome: z.string().nullable(),
  active: z.boolean(),
  withdrawalReason: z.string().nullable(),
  updatedAt: z.string(),
  consent: z.unknown(),
  milestones: z.array(milestoneSchema),
  personalData: z
    .unknown()
    .nullable()
    .describe('What was submitted; null once the participant has been erased'),
});

export const idParams = z.object({ id: z.uuid() });

export const withdrawBody = z.object({ reasonCode: withdrawalReasonSchema });

export const listQuery = z.object({
  status: z.enum(['accepted', 'not-eligible', 'in-progress', 'withdrawn', 'closed']).optional(),
  updatedSince: timestamp().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Cursors are opaque to clients: base64url of a place in the change feed (xid, referral id). */
export const cursor = {
  encode: (c: ChangePosition): string => Buffer.from(JSON.stringify(c)).toString('base64url'),
  decode(value: string): ChangePosition | undefined {
    try {
      const parsed = z
        .object({ xid: z.string().regex(/^\d{1,20}$/), id: z.uuid() })
        .safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  },
};
