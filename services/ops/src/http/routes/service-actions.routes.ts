import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { routes } from '@ladder/http';
import type { ServiceAnswer } from '../../clients/service-call.js';
import { recordAudit } from '../../db/audit-log.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { OpsAuditAction } from '../../domain/audit-actions.js';
import { submissionKey } from '../../domain/form-submission.js';
import type { JourneyView } from '../../domain/journey-view.js';
import { day, label } from '../formatters.js';
import type { DoneAction } from './done-message.js';
import {
  formJourney,
  journeyOf,
  notFoundPage,
  staffActionHooks,
  staffActorOf,
} from './staff-action.js';

interface Choice {
  value: string;
  text: string;
}

/**
 * An action staff take through another service's API, as their operator: a form choosing one of
 * that service's opportunities, sent once per form (its Idempotency-Key comes from the form's
 * token), its refusal shown on the form.
 */
interface ServiceAction {
  /** Under `/journeys/:id/`. */
  path: string;
  action: DoneAction;
  audit: OpsAuditAction;
  title: string;
  intro: string;
  /** The form field naming the chosen opportunity, and its label. */
  field: string;
  fieldLabel: string;
  button: string;
  /** What refusals are attributed to. */
  service: string;
  choices(deps: OpsDeps, operatorOrganisationId: string): Promise<ServiceAnswer<Choice[]>>;
  /** Sends it; the answer's `result` is a code of what it came to (a place's status). */
  send(
    deps: OpsDeps,
    operatorOrganisationId: string,
    chosen: string,
    journey: JourneyView,
    idempotencyKey: string,
  ): Promise<ServiceAnswer<{ result: string; id: string }>>;
}

const today = (deps: OpsDeps) => deps.now().toISOString().slice(0, 10);
const ids = (journey: JourneyView) => ({
  participantId: journey.participantId,
  programmeId: journey.programmeId,
});

const requestTrainingPlace: ServiceAction = {
  path: 'training-place',
  action: 'request-training-place',
  audit: 'training-place-requested',
  title: 'Request a training place',
  intro:
    'The training service enrols the participant while the intake has seats, and otherwise puts them on its waitlist.',
  field: 'intakeId',
  fieldLabel: 'Intake',
  button: 'Request the place',
  service: 'the training service',
  async choices(deps) {
    const answer = await deps.training.intakes(today(deps));
    if (!answer.ok) return answer;
    return {
      ok: true,
      body: answer.body.map((i) => ({
        value: i.intakeId,
        text: `${i.course}, ${i.provider} (${i.postcodeArea}): ${day(i.startsOn)} to ${day(i.endsOn)}`,
      })),
    };
  },
  async send(deps, operator, intakeId, journey, key) {
    const answer = await deps.training.requestPlace(operator, intakeId, ids(journey), key);
    return answer.ok
      ? { ok: true, body: { id: answer.body.placeId, result: answer.body.status } }
      : answer;
  },
};

const proposePlacement: ServiceAction = {
  path: 'placement',
  action: 'propose-placement',
  audit: 'placement-proposed',
  title: 'Propose a placement',
  intro: 'The employer confirms or declines the placement; the journey hears of its answer.',
  field: 'slotId',
  fieldLabel: 'Placement slot',
  button: 'Propose the placement',
  service: 'the employer service',
  async choices(deps, operator) {
    const answer = await deps.employer.openSlots(operator);
    if (!answer.ok) return answer;
    return {
      ok: true,
      body: answer.body.map((s) => ({
        value: s.id,
        text: `${label(s.kind)}, ${label(s.roleArea).toLowerCase()}: ${s.site.name} (${s.site.postcodeArea}), ${day(s.startsOn)} to ${day(s.endsOn)}, ${s.hoursPerWeek} hours a week`,
      })),
    };
  },
  async send(deps, operator, slotId, journey, key) {
    const answer = await deps.employer.proposePlacement(operator, slotId, ids(journey), key);
    return answer.ok
      ? { ok: true, body: { id: answer.body.placementId, result: answer.body.status } }
      : answer;
  },
};

const params = z.object({ id: z.uuid() });

/** The actions on a journey that are another service's to do: a training place, a placement. */
export const serviceActionRoutes = routes(
  { name: 'ops-service-actions', dependencies: ['ops-staff-session', 'ops-views'] },
  (app, deps: OpsDeps) => {
    for (const action of [requestTrainingPlace, proposePlacement]) {
      const form = z.object({
        formToken: z.uuid('reload the form and send it again'),
        chosen: z.uuid(`choose ${action.fieldLabel.toLowerCase()}`),
      });

      async function render(
        request: FastifyRequest,
        reply: FastifyReply,
        journey: JourneyView,
        state: { chosen?: string; errors?: { text: string; href: string }[] } = {},
      ) {
        const choices = await action.choices(deps, staffActorOf(request).operatorOrganisationId);
        return reply.view('service-action.njk', {
          title: action.title,
          nav: 'journeys',
          staff: request.staff,
          journey,
          action,
          // Each rendering is one submission: sent twice, it is done once.
          formToken: randomUUID(),
          unavailable: choices.ok ? undefined : choices.reason,
          items: choices.ok
            ? [
                { value: '', text: `Choose ${action.fieldLabel.toLowerCase()}` },
                ...choices.body.map((c) => ({ ...c, selected: c.value === state.chosen })),
              ]
            : [],
          empty: choices.ok && choices.body.length === 0,
          errors: state.errors,
          fieldError: state.errors?.find((e) => e.href === `#${action.field}`)?.text,
        });
      }

      app.get(
        `/journeys/:id/${action.path}`,
        { ...staffActionHooks, schema: { hide: true, params } },
        async (request, reply) => {
          const journey = await journeyOf(deps, request, request.params.id);
          if (!journey) return notFoundPage(request, reply);
          return render(request, reply, journey);
        },
      );

      app.post(
        `/journeys/:id/${action.path}`,
        {
          ...staffActionHooks,
          schema: {
            hide: true,
            params,
            body: z.looseObject({ _csrf: z.string().optional() }),
          },
        },
        async (request, reply) => {
          const journey = await formJourney(deps, request, reply, {
            referralId: request.params.id,
            csrf: request.body._csrf,
          });
          if (!journey) return reply;
          const parsed = form.safeParse({
            formToken: request.body.formToken,
            chosen: request.body[action.field],
          });
          if (!parsed.success) {
            const errors = parsed.error.issues.map((issue) => ({
              text: issue.message,
              href: `#${issue.path[0] === 'chosen' ? action.field : 'formToken'}`,
            }));
            return render(request, reply.code(422), journey, { errors });
          }
          const { chosen } = parsed.data;
          const actor = staffActorOf(request);
          const answer = await action.send(
            deps,
            actor.operatorOrganisationId,
            chosen,
            journey,
            submissionKey({
              referralId: journey.referralId,
              action: action.action,
              formToken: parsed.data.formToken,
            }),
          );
          await recordAudit(deps.pool, {
            operatorOrganisationId: actor.operatorOrganisationId,
            actor: actor.actor,
            action: action.audit,
            subject: journey.referralId,
            detail: answer.ok
              ? {
                  [action.field]: chosen,
                  result: 'accepted',
                  status: answer.body.result,
                  id: answer.body.id,
                }
              : { [action.field]: chosen, result: 'refused', reason: answer.reason },
          });
          if (!answer.ok)
            return render(request, reply.code(422), journey, {
              chosen,
              errors: [
                {
                  text: `${label(action.service)} refused it: ${answer.reason}`,
                  href: `#${action.field}`,
                },
              ],
            });
          return reply.redirect(
            `/journeys/${journey.referralId}?done=${action.action}&result=${answer.body.result}`,
            303,
          );
        },
      );
    }
  },
);
