import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { requireScope, scopes } from '@ladder/auth';
import { problem, problemJsonSchema, timestamp, routes } from '@ladder/http';
import { consentPurposeSchema, consentRecipientSchema } from '@ladder/vocabulary/schemas';
import type { ReferralDeps } from '../../use-cases/deps.js';
import {
  renewConsent,
  withdrawConsent,
  type ConsentChangeResult,
} from '../../use-cases/consent.js';
import { requestContext } from '../request-context.js';

const consentSchema = z.object({
  purposes: z.array(consentPurposeSchema),
  recipients: z.array(consentRecipientSchema),
  givenAt: z.string(),
  expiresAt: z.string(),
  withdrawals: z
    .array(
      z.object({
        purposes: z.array(consentPurposeSchema),
        recipients: z.array(consentRecipientSchema),
        withdrawnAt: z.string(),
        by: z.string(),
      }),
    )
    .optional(),
  renewals: z
    .array(z.object({ renewedAt: z.string(), previousExpiresAt: z.string(), by: z.string() }))
    .optional(),
});
const answer = z.object({ referralId: z.uuid(), consent: consentSchema });
const params = z.object({ id: z.uuid() });

/**
 * A participant may withdraw consent at any time, and renew it when it runs out; the referrer or
 * the programme operator records it. Every service learns of it by event, and no data is released
 * beyond what the current consent covers (the consented view enforces it).
 */
export const consentRoutes = routes<ReferralDeps>(
  { name: 'consent-routes', dependencies: ['ladder-auth'] },
  (app, deps) => {
    /** 201 with the consent as it now stands, 200 when nothing changed (a repeat). */
    const send = (result: ConsentChangeResult, reply: FastifyReply) => {
      if (result.kind === 'not-found') throw problem.notFound('no such referral of yours');
      return reply
        .code(result.kind === 'changed' ? 201 : 200)
        .send({ referralId: result.referral.id, consent: result.referral.consent });
    };

    app.post(
      '/v1/referrals/:id/consent/withdrawals',
      {
        preHandler: requireScope(scopes.consentManage),
        schema: {
          summary: 'Record that the participant withdrew consent (for some purposes or recipients)',
          description:
            'Empty `purposes` means every purpose, empty `recipients` every recipient; both empty withdraws all consent. Withdrawing what is already withdrawn changes nothing (200).',
          params,
          body: z.object({
            purposes: z.array(consentPurposeSchema).max(10).default([]),
            recipients: z.array(consentRecipientSchema).max(10).default([]),
          }),
          response: { 200: answer, 201: answer, 404: problemJsonSchema },
        },
      },
      async (request, reply) =>
        send(
          await withdrawConsent(deps, {
            ...requestContext(request),
            referralId: request.params.id,
            purposes: request.body.purposes,
            recipients: request.body.recipients,
          }),
          reply,
        ),
    );

    app.post(
      '/v1/referrals/:id/consent/renewals',
      {
        preHandler: requireScope(scopes.consentManage),
        schema: {
          summary: "Renew the participant's consent to a new expiry",
          params,
          body: z.object({ expiresAt: timestamp() }),
          response: { 200: answer, 201: answer, 404: problemJsonSchema },
        },
      },
      async (request, reply) => {
        const expiresAt = new Date(request.body.expiresAt);
        if (expiresAt.getTime() <= deps.now().getTime())
          throw problem.badRequest('a renewal must expire in the future', {
            errors: [{ field: 'body.expiresAt', message: 'must be in the future' }],
          });
        return send(
          await renewConsent(deps, {
            ...requestContext(request),
            referralId: request.params.id,
            expiresAt: expiresAt.toISOString(),
          }),
          reply,
        );
      },
    );
  },
);
