import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { routes } from '@ladder/http';
import { applicationOutcomes, type MilestoneRefusal } from '@ladder/vocabulary';
import { applicationOutcomeSchema, opaqueIdSchema } from '@ladder/vocabulary/schemas';
import type { StaffMilestoneRecord } from '@ladder/workflow-contracts';
import type { VacancyChoice } from '../../clients/employer-api.js';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import { submissionKey } from '../../domain/form-submission.js';
import type { JourneyView } from '../../domain/journey-view.js';
import { day, label, supportStep } from '../formatters.js';
import { doneMessage, doneQuery } from './done-message.js';
import {
  formJourney,
  journeyOf,
  notFoundPage,
  staffActionHooks,
  staffActorOf,
} from './staff-action.js';

/**
 * The support forms, each a `recordMilestone` on the journey: engagement, the CV, an application
 * (to which vacancy), its outcome, a mock interview, a mentoring session.
 */
const supportForm = z.discriminatedUnion('form', [
  z.object({
    form: z.literal('engagement'),
    code: z.enum(['first-contact', 'action-plan-agreed']),
  }),
  z.object({ form: z.literal('cv'), code: z.enum(['cv-drafted', 'cv-reviewed', 'cv-ready']) }),
  z.object({ form: z.literal('application'), vacancyId: z.uuid('choose the vacancy') }),
  z.object({
    form: z.literal('application-outcome'),
    ref: opaqueIdSchema,
    applicationOutcome: applicationOutcomeSchema,
  }),
  z.object({
    form: z.literal('mock-interview'),
    code: z.enum(['mock-interview-held', 'mock-interview-missed']),
  }),
  z.object({
    form: z.literal('mentoring-session'),
    code: z.enum(['mentoring-session-held', 'mentoring-session-missed']),
  }),
]);
type SupportForm = z.infer<typeof supportForm>;
const formNames = supportForm.options.map((o) => o.shape.form.value);

/** The id of each form's first field (where its error summary links to). */
const fieldOf: Record<SupportForm['form'], string> = {
  engagement: 'engagement-code',
  cv: 'cv-code',
  application: 'application-vacancyId',
  'application-outcome': 'application-outcome-ref',
  'mock-interview': 'mock-interview-code',
  'mentoring-session': 'mentoring-session-code',
};

/** The milestone a form records, as the journey takes it (ids and codes only). */
function recordOf(form: SupportForm, recordedBy: string): StaffMilestoneRecord {
  if (form.form === 'application')
    return { code: 'application-submitted', ref: form.vacancyId, recordedBy };
  if (form.form === 'application-outcome')
    return {
      code: 'application-outcome',
      ref: form.ref,
      applicationOutcome: form.applicationOutcome,
      recordedBy,
    };
  return { code: form.code, recordedBy };
}

/** Why the journey refused a staff milestone, in words. */
const refusalText: Record<MilestoneRefusal, string> = {
  'not-allowed-in-stage': 'it has no place in the stage the journey is in',
  'missing-prerequisite': 'something that must come first has not been recorded',
  'journey-ended': 'the journey has ended',
  'incomplete-report': 'a field it needs is missing',
  'check-already-decided': 'the check was decided already',
  'not-recorded-by-staff': 'another service reports it, not staff',
  'invalid-report': 'a field is not what it takes',
};

/** A vacancy in words: role, band, where, closing day. */
const vacancyText = (v: VacancyChoice) =>
  `${label(v.role)}, ${label(v.band)}: ${v.site.name} (${v.site.postcodeArea}), closes ${day(v.closesOn)}`;

const params = z.object({ id: z.uuid() });

/**
 * A participant's employability support: what is still to do and what was recorded (from the
 * journey's query), and a form for each step, which the journey applies or refuses.
 */
export const supportRoutes = routes(
  { name: 'ops-support', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    async function render(
      request: FastifyRequest,
      reply: FastifyReply,
      journey: JourneyView,
      page: {
        done?: string;
        errors?: { text: string; href: string }[];
        /** The form that was refused, and what it held, to show it again as it was sent. */
        failed?: { form: string; text: string; values: Record<string, unknown> };
      } = {},
    ) {
      const live = await deps.journeys.state(journey);
      const vacancies = live
        ? await deps.employer.openVacancies(staffActorOf(request).operatorOrganisationId)
        : undefined;
      const vacancyById = new Map(
        vacancies?.ok ? vacancies.body.map((v) => [v.id, vacancyText(v)]) : [],
      );
      const applications = (live?.support.applications ?? []).map((a, i) => ({
        ...a,
        // The ref is the vacancy's id when ops recorded it; another ref stays as it is.
        what: a.ref ? (vacancyById.get(a.ref) ?? a.ref) : `Application ${i + 1}`,
      }));
      return reply.view('support.njk', {
        title: 'Employability support',
        nav: 'journeys',
        staff: request.staff,
        journey,
        live,
        support: live?.support,
        stillToDo: live?.support.stillToDo.map(supportStep) ?? [],
        applications,
        vacancyItems: vacancies?.ok
          ? [
              { value: '', text: 'Choose the vacancy' },
              ...vacancies.body.map((v) => ({ value: v.id, text: vacancyText(v) })),
            ]
          : [],
        vacanciesUnavailable: vacancies && !vacancies.ok ? vacancies.reason : undefined,
        openApplicationItems: [
          { value: '', text: 'Choose the application' },
          ...applications
            .filter((a) => a.ref && a.outcome === null)
            .map((a) => ({ value: a.ref!, text: a.what })),
        ],
        outcomeItems: applicationOutcomes.map((o) => ({ value: o, text: label(o) })),
        // One token per form: each form sent twice records once.
        tokens: Object.fromEntries(formNames.map((f) => [f, randomUUID()])),
        done: page.done,
        errors: page.errors,
        failed: page.failed,
      });
    }

    app.get(
      '/journeys/:id/support',
      { ...staffActionHooks, schema: { hide: true, params, querystring: doneQuery } },
      async (request, reply) => {
        const journey = await journeyOf(deps, request, request.params.id);
        if (!journey) return notFoundPage(request, reply);
        const done = doneMessage(request.query);
        return render(request, reply, journey, done ? { done } : {});
      },
    );

    app.post(
      '/journeys/:id/support',
      {
        ...staffActionHooks,
        schema: {
          hide: true,
          params,
          body: z.looseObject({
            _csrf: z.string().optional(),
            form: z.string().max(40),
            formToken: z.string().max(100).optional(),
          }),
        },
      },
      async (request, reply) => {
        const journey = await formJourney(deps, request, reply, {
          referralId: request.params.id,
          csrf: request.body._csrf,
        });
        if (!journey) return reply;
        const parsed = supportForm.safeParse(request.body);
        const token = z.uuid().safeParse(request.body.formToken);
        if (!parsed.success || !token.success) {
          const errors = (parsed.error?.issues ?? []).map((issue) => ({
            text: `Check ${label(String(issue.path[0] ?? 'form'))}: ${issue.message}`,
            href: `#${request.body.form}-${String(issue.path[0] ?? 'form')}`,
          }));
          if (!token.success)
            errors.push({
              text: 'Reload the form and send it again',
              href: `#${request.body.form}`,
            });
          return render(request, reply.code(422), journey, {
            errors,
            failed: { form: request.body.form, text: errors[0]?.text ?? '', values: request.body },
          });
        }
        const form = parsed.data;
        const actor = staffActorOf(request);
        const record = recordOf(form, actor.staffId);
        const result = await deps.journeys.act(journey, {
          kind: 'record-milestone',
          record,
          // The code and ref are part of it: the same form sent again with another choice (after
          // going back) is another milestone, not a repeat of the first.
          updateId: submissionKey({
            referralId: journey.referralId,
            action: `record-milestone:${record.code}:${record.ref ?? ''}`,
            formToken: token.data,
          }),
        });
        const { recordedBy: _by, ...fields } = record;
        await recordAudit(deps.pool, {
          operatorOrganisationId: actor.operatorOrganisationId,
          actor: actor.actor,
          action: 'milestone-recorded',
          subject: journey.referralId,
          detail: result.ok
            ? { ...fields, result: 'accepted' }
            : { ...fields, result: 'refused', reason: result.refusal ?? result.reason },
        });
        if (!result.ok) {
          const text = `The journey refused it: ${result.refusal ? refusalText[result.refusal] : result.reason}`;
          return render(request, reply.code(422), journey, {
            errors: [{ text, href: `#${fieldOf[form.form]}` }],
            failed: { form: form.form, text, values: request.body },
          });
        }
        return reply.redirect(
          `/journeys/${journey.referralId}/support?done=record-milestone&result=${record.code}`,
          303,
        );
      },
    );
  },
);
