import { z } from 'zod';
import { freeText, routes } from '@ladder/http';
import type { AuditAction } from '@ladder/vocabulary';
import {
  deadlineExtensionReasonSchema,
  deadlineNameSchema,
  opaqueIdSchema,
  outcomeSchema,
  withdrawalReasonSchema,
} from '@ladder/vocabulary/schemas';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { JourneyAction } from '../../temporal/journey-client.js';
import { requireViewer } from '../viewer.js';
import { doneMessage, doneQuery } from './done-message.js';
import { label, requireStaff } from './page-helpers.js';
import { renderParticipantPage } from './participant-page.js';
import {
  formJourney,
  journeyOf,
  notFoundPage,
  staffActionHooks,
  staffActorOf,
} from './staff-action.js';

/** Each action's form fields; `action` says which form was sent. */
const actionForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('withdraw'), reasonCode: withdrawalReasonSchema }),
  z.object({
    action: z.literal('extend-deadline'),
    deadline: deadlineNameSchema,
    days: z.coerce.number().int().min(1).max(90),
    reasonCode: deadlineExtensionReasonSchema,
  }),
  z.object({
    action: z.literal('assign-mentor'),
    // A staff or mentor id, never a name: it goes into the workflow's history and its events.
    mentorId: z.string().trim().pipe(opaqueIdSchema),
  }),
  z.object({
    action: z.literal('record-outcome'),
    outcome: outcomeSchema,
    reasonCode: freeText({ max: 100 }).optional(),
  }),
]);
type ActionForm = z.infer<typeof actionForm>;

const auditActionOf: Record<ActionForm['action'], AuditAction> = {
  withdraw: 'journey-withdrawn',
  'extend-deadline': 'deadline-extended',
  'assign-mentor': 'mentor-assigned',
  'record-outcome': 'outcome-recorded',
};

const toAction = (form: ActionForm, staffId: string): JourneyAction =>
  form.action === 'withdraw'
    ? { kind: 'withdraw', reasonCode: form.reasonCode }
    : form.action === 'extend-deadline'
      ? { kind: 'extend-deadline', deadline: form.deadline, days: form.days }
      : form.action === 'assign-mentor'
        ? { kind: 'assign-mentor', mentorId: form.mentorId, recordedBy: staffId }
        : {
            kind: 'record-outcome',
            outcome: form.outcome,
            ...(form.reasonCode ? { reasonCode: form.reasonCode } : {}),
          };

const params = z.object({ id: z.uuid() });

/** A participant's page: the read model's journey and timeline, the live state, the actions. */
export const journeyPageRoutes = routes(
  { name: 'ops-journey-page', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    app.get(
      '/journeys/:id',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('journeys'),
        // After an action: which one was done and what it came to (the page says so once).
        schema: { hide: true, params, querystring: doneQuery },
      },
      async (request, reply) => {
        const journey = await journeyOf(deps, request, request.params.id);
        if (!journey) return notFoundPage(request, reply);
        const done = doneMessage(request.query);
        return renderParticipantPage(deps, request, reply, journey, done ? { form: { done } } : {});
      },
    );

    app.post(
      '/journeys/:id/actions',
      {
        ...staffActionHooks,
        schema: {
          hide: true,
          params,
          body: z.looseObject({ _csrf: z.string().optional(), action: z.string().max(40) }),
        },
      },
      async (request, reply) => {
        const journey = await formJourney(deps, request, reply, {
          referralId: request.params.id,
          csrf: request.body._csrf,
        });
        if (!journey) return reply;
        const parsed = actionForm.safeParse(request.body);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? 'action');
            return {
              text: `Check ${label(field)}: ${issue.message}`,
              href: `#${request.body.action}-${field}`,
            };
          });
          return renderParticipantPage(deps, request, reply.code(422), journey, {
            form: { action: request.body.action, errors },
          });
        }
        const form = parsed.data;
        const actor = staffActorOf(request);
        const result = await deps.journeys.act(journey, toAction(form, actor.staffId));
        const { action: _a, ...fields } = form;
        await recordAudit(deps.pool, {
          operatorOrganisationId: actor.operatorOrganisationId,
          actor: actor.actor,
          action: auditActionOf[form.action],
          subject: journey.referralId,
          detail: { ...fields, result: result.ok ? 'accepted' : 'refused' },
        });
        if (!result.ok)
          return renderParticipantPage(deps, request, reply.code(422), journey, {
            form: {
              action: form.action,
              errors: [
                { text: `The journey refused it: ${result.reason}`, href: `#${form.action}` },
              ],
            },
          });
        return reply.redirect(`/journeys/${journey.referralId}?done=${form.action}`, 303);
      },
    );
  },
);
