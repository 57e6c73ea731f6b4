import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { freeText, problem, routes } from '@ladder/http';
import {
  deadlineExtensionReasons,
  deadlineNames,
  withdrawalReasons,
  type AuditAction,
} from '@ladder/vocabulary';
import {
  deadlineExtensionReasonSchema,
  deadlineNameSchema,
  outcomeSchema,
  withdrawalReasonSchema,
} from '@ladder/vocabulary/schemas';
import { recordAudit } from '../../db/audit-log.repository.js';
import { employerView } from '../../db/employer-facts.repository.js';
import { findJourney, journeyTimeline } from '../../db/journeys.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { JourneyView } from '../../domain/journey-view.js';
import type { JourneyAction } from '../../temporal/journey-client.js';
import { checkCsrf } from '../../staff/staff-session.plugin.js';
import { requireViewer, viewerOf } from '../viewer.js';
import { label, options, requireStaff } from './page-helpers.js';

/** The outcomes a caseworker may record by hand (the workflow refuses the others). */
const recordableOutcomes = ['work-experience', 'further-education', 'volunteering', 'disengaged'];

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
    // A staff or mentor id, never a name: it goes into the workflow's history.
    mentorId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/),
  }),
  z.object({
    action: z.literal('record-outcome'),
    outcome: outcomeSchema,
    reasonCode: freeText({ max: 100 }).optional(),
  }),
]);
type ActionForm = z.infer<typeof actionForm>;
const actionKinds = ['withdraw', 'extend-deadline', 'assign-mentor', 'record-outcome'] as const;

const auditActionOf: Record<ActionForm['action'], AuditAction> = {
  withdraw: 'journey-withdrawn',
  'extend-deadline': 'deadline-extended',
  'assign-mentor': 'mentor-assigned',
  'record-outcome': 'outcome-recorded',
};

const toAction = (form: ActionForm): JourneyAction =>
  form.action === 'withdraw'
    ? { kind: 'withdraw', reasonCode: form.reasonCode }
    : form.action === 'extend-deadline'
      ? { kind: 'extend-deadline', deadline: form.deadline, days: form.days }
      : form.action === 'assign-mentor'
        ? { kind: 'assign-mentor', mentorId: form.mentorId }
        : {
            kind: 'record-outcome',
            outcome: form.outcome,
            ...(form.reasonCode ? { reasonCode: form.reasonCode } : {}),
          };

/** Only signed-in staff act on journeys (an API key reads; it never acts). */
async function requireStaffActor(request: FastifyRequest): Promise<void> {
  if (request.caller || !request.staff)
    throw problem.forbidden('only signed-in staff act on journeys');
  await Promise.resolve();
}

const params = z.object({ id: z.uuid() });

/** A participant's page: the read model's journey and timeline, the live state, the actions. */
export const journeyPageRoutes = routes(
  { name: 'ops-journey-page', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    const canAct = (request: FastifyRequest) =>
      request.staff !== undefined && request.staff.role !== 'viewer';

    async function render(
      request: FastifyRequest,
      reply: FastifyReply,
      journey: JourneyView,
      form: { action?: string; errors?: { text: string; href: string }[]; done?: string } = {},
    ) {
      const live = await deps.journeys.state(journey);
      return reply.view('journey.njk', {
        title: `Journey ${journey.referralId.slice(0, 8)}`,
        nav: 'journeys',
        staff: request.staff,
        journey,
        timeline: await journeyTimeline(deps.pool, journey),
        employer: await employerView(
          deps.pool,
          journey.participantId,
          journey.programmeId,
          deps.now(),
        ),
        live,
        checks: live ? Object.entries(live.checks).map(([check, p]) => ({ check, ...p })) : [],
        outcomesText: live?.outcomes.map((o) => label(o.outcome)).join(', '),
        canAct: canAct(request),
        form,
        withdrawalItems: options(withdrawalReasons, undefined, 'Choose a reason'),
        deadlineItems: options(
          live
            ? live.deadlines
                .filter((d) => d.state !== 'met' && d.state !== 'cancelled')
                .map((d) => d.name)
            : deadlineNames,
          undefined,
          'Choose a deadline',
        ),
        extensionItems: options(deadlineExtensionReasons, undefined, 'Choose a reason'),
        outcomeItems: options(recordableOutcomes, undefined, 'Choose an outcome'),
        label,
      });
    }

    const journeyOf = (request: FastifyRequest, id: string) =>
      findJourney(deps.pool, viewerOf(request).operatorOrganisationId, id);

    app.get(
      '/journeys/:id',
      {
        onRequest: requireStaff,
        preHandler: requireViewer('journeys'),
        schema: {
          hide: true,
          params,
          // After an action: which one was accepted (the page says so once).
          querystring: z.object({ done: z.enum(actionKinds).optional() }),
        },
      },
      async (request, reply) => {
        const journey = await journeyOf(request, request.params.id);
        if (!journey)
          return reply
            .code(404)
            .view('not-found.njk', { title: 'Journey not found', staff: request.staff });
        const { done } = request.query;
        return render(request, reply, journey, done ? { done } : {});
      },
    );

    app.post(
      '/journeys/:id/actions',
      {
        onRequest: requireStaff,
        preHandler: [requireStaffActor, requireViewer('act')],
        schema: {
          hide: true,
          params,
          body: z.looseObject({ _csrf: z.string().optional(), action: z.string().max(40) }),
        },
      },
      async (request, reply) => {
        checkCsrf(request, request.body._csrf);
        const journey = await journeyOf(request, request.params.id);
        if (!journey)
          return reply
            .code(404)
            .view('not-found.njk', { title: 'Journey not found', staff: request.staff });
        const parsed = actionForm.safeParse(request.body);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? 'action');
            return {
              text: `Check ${label(field)}: ${issue.message}`,
              href: `#${request.body.action}-${field}`,
            };
          });
          return render(request, reply.code(422), journey, { action: request.body.action, errors });
        }
        const form = parsed.data;
        const result = await deps.journeys.act(journey, toAction(form));
        const viewer = viewerOf(request);
        const { action: _a, ...fields } = form;
        await recordAudit(deps.pool, {
          operatorOrganisationId: viewer.operatorOrganisationId,
          actor: viewer.actor,
          action: auditActionOf[form.action],
          subject: journey.referralId,
          detail: { ...fields, result: result.ok ? 'accepted' : 'refused' },
        });
        if (!result.ok)
          return render(request, reply.code(422), journey, {
            action: form.action,
            errors: [{ text: `The journey refused it: ${result.reason}`, href: `#${form.action}` }],
          });
        return reply.redirect(`/journeys/${journey.referralId}?done=${form.action}`, 303);
      },
    );
  },
);
