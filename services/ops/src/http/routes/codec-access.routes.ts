import { z } from 'zod';
import { problem, problemJsonSchema, routes } from '@ladder/http';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';

/**
 * The header the journey worker's codec endpoint sends with its check. A browser cannot add it to
 * a cross-origin request without this service's CORS consent (which it never gives), so a page
 * elsewhere cannot make a signed-in admin's browser write audit entries here.
 */
export const codecCheckHeader = 'x-ladder-codec-check';

const codecAccessBody = z.object({
  direction: z.enum(['encode', 'decode']),
  payloads: z.number().int().min(0).max(100_000),
});

const codecAccessAnswer = z.object({
  actor: z.string().describe('`staff:<subject>`: who the codec endpoint logs as the caller'),
  organisationId: z.string(),
});

/**
 * Whether a browser's staff session may use the journey codec (the Temporal Web UI's payloads,
 * decrypted by the worker): the worker forwards the browser's cookies here and gets who is asking.
 * Only admins may: the codec protocol does not say which journey a payload belongs to, so the
 * decode cannot be bounded to the admin's own programmes (histories hold ids and codes only).
 * Every decode is in the audit log.
 */
export const codecAccessRoutes = routes(
  { name: 'ops-codec-access', dependencies: ['ops-staff-session'] },
  (app, deps: OpsDeps) => {
    app.post(
      '/internal/v1/codec-access',
      {
        schema: {
          summary: 'May this staff session use the journey codec? (the worker asks; admins only)',
          headers: z.looseObject({ [codecCheckHeader]: z.literal('1') }),
          body: codecAccessBody,
          response: {
            200: codecAccessAnswer,
            401: problemJsonSchema,
            403: problemJsonSchema,
          },
        },
      },
      async (request) => {
        const staff = request.staff;
        if (!staff) throw problem.unauthorized('sign in to the ops service first');
        if (staff.role !== 'admin')
          throw problem.forbidden(`your role (${staff.role}) may not read journey payloads`);
        const actor = `staff:${staff.subject}`;
        if (request.body.direction === 'decode')
          await recordAudit(deps.pool, {
            operatorOrganisationId: staff.organisationId,
            actor,
            action: 'journey-payloads-decoded',
            subject: 'temporal-web-ui',
            detail: { payloads: request.body.payloads },
          });
        return { actor, organisationId: staff.organisationId };
      },
    );
  },
);
