import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReleasedPerson } from '@ladder/participant-view';
import { deadlineExtensionReasons, deadlineNames, withdrawalReasons } from '@ladder/vocabulary';
import { employerView } from '../../db/employer-facts.repository.js';
import { currentMentor, journeyTimeline } from '../../db/journeys.repository.js';
import type { OpsDeps } from '../../deps.js';
import type { JourneyView } from '../../domain/journey-view.js';
import { supportStep } from '../formatters.js';
import { label, options } from './page-helpers.js';

/** The outcomes a caseworker may record by hand (the workflow refuses the others). */
export const recordableOutcomes = [
  'work-experience',
  'further-education',
  'volunteering',
  'disengaged',
] as const;

/** A form's state on the page: which form, its errors (an NHS error summary), what was done. */
export interface PageForm {
  action?: string;
  errors?: { text: string; href: string }[];
  /** The sentence saying what was just done (shown once, after the redirect). */
  done?: string;
}

/** What a reveal of the participant's personal details came to, for this response only. */
export type Revealed =
  { released: true; person: ReleasedPerson } | { released: false; reason: string };

/** Why nothing was shown, in words (the codes the referral service and ops answer with). */
const notReleasedText: Record<string, string> = {
  'no-consent': "The participant's consent does not cover programme delivery by the operator.",
  'consent-expired': "The participant's consent has expired.",
  'consent-withdrawn': 'The participant has withdrawn their consent.',
  erased: "The participant's personal data has been erased.",
  'unknown-participant': 'The referral service does not know this participant.',
  unavailable: 'The referral service did not answer. Try again later.',
};

/**
 * A participant's page: the read model's journey and timeline, the employer's facts, the live
 * state from the journey's query, the actions, and (on a reveal's response only) their personal
 * details.
 */
export async function renderParticipantPage(
  deps: OpsDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  journey: JourneyView,
  page: { form?: PageForm; revealed?: Revealed } = {},
) {
  const live = await deps.journeys.state(journey);
  const canAct = request.staff !== undefined && request.staff.role !== 'viewer';
  const { revealed } = page;
  return reply.view('journey.njk', {
    title: `Journey ${journey.referralId.slice(0, 8)}`,
    nav: 'journeys',
    staff: request.staff,
    journey,
    timeline: await journeyTimeline(deps.pool, journey),
    employer: await employerView(deps.pool, journey.participantId, journey.programmeId, deps.now()),
    live,
    mentorId: await currentMentor(deps.pool, journey.referralId),
    checks: live ? Object.entries(live.checks).map(([check, p]) => ({ check, ...p })) : [],
    outcomesText: live?.outcomes.map((o) => label(o.outcome)).join(', '),
    stillToDo: live?.support.stillToDo.map(supportStep) ?? [],
    canAct,
    form: page.form ?? {},
    person: revealed?.released ? revealed.person : undefined,
    notReleased: revealed && !revealed.released ? notReleasedText[revealed.reason] : undefined,
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
