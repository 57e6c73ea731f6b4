import type { Client } from '@temporalio/client';
import { employerEventMilestones, employerMilestoneCode } from '@ladder/events';
import { on, type EventSubscription } from '@ladder/kafka';
import type {
  CheckOwner,
  CheckStatus,
  InterviewAttendance,
  MilestoneCode,
  PlacementKind,
  PreEmploymentCheck,
  SustainmentWeeks,
} from '@ladder/vocabulary';
import type { MilestoneReport } from '@ladder/workflow-contracts';
import { reportMilestone } from './journey-signals.js';

/**
 * What the bridge reads of an employer event: every one names the participant, programme,
 * employer and time, and one of the placement, interview or offer; the other fields only some
 * events carry (the check's status on EmploymentCheckUpdated, the weeks on the sustainment
 * events, a reason where something ended), and each is read where it is present.
 */
export interface EmployerEventFacts {
  participantId: string;
  programmeId: string;
  employerOrganisationId: string;
  occurredAt: string;
  placementId?: string;
  interviewId?: string | null;
  offerId?: string;
  placementKind?: PlacementKind;
  attendance?: InterviewAttendance;
  check?: PreEmploymentCheck | null;
  status?: CheckStatus;
  owner?: CheckOwner | null;
  dueOn?: string | null;
  weeks?: SustainmentWeeks;
  answerDueAt?: string;
  reasonCode?: string;
}

/** A calendar day (`YYYY-MM-DD`) as the ISO time of its start (UTC), as the journey keeps times. */
const startOfDay = (day: string): string => new Date(`${day}T00:00:00.000Z`).toISOString();

/**
 * The journey's report of one employer event. The reference is what the milestone is about: the
 * offer (and so its checks, start and sustainment), else the placement, else the interview.
 */
export function employerMilestoneReport(
  eventId: string,
  code: MilestoneCode,
  data: EmployerEventFacts,
): MilestoneReport {
  const ref = data.offerId ?? data.placementId ?? data.interviewId ?? undefined;
  const dueAt = data.answerDueAt ?? (data.dueOn ? startOfDay(data.dueOn) : undefined);
  return {
    eventId,
    code,
    occurredAt: data.occurredAt,
    by: data.employerOrganisationId,
    ...(ref ? { ref } : {}),
    ...(data.check ? { check: data.check } : {}),
    ...(data.status ? { checkStatus: data.status } : {}),
    ...(data.owner ? { checkOwner: data.owner } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(data.weeks ? { weeks: data.weeks } : {}),
    ...(data.reasonCode ? { reasonCode: data.reasonCode } : {}),
    ...(data.placementKind ? { placementKind: data.placementKind } : {}),
  };
}

/**
 * The employer service's events to the participant's journey: each is one `milestoneReported`
 * signal (codes and ids only), carrying its event id so a redelivered event is recorded once.
 * The journey decides what each means for its stage. With no running journey (it has ended)
 * there is nobody to tell: the event is skipped.
 */
export function employerBridgeHandlers(client: Client): EventSubscription[] {
  return employerEventMilestones.map(([definition, reports]) =>
    on(definition, ({ id, data }, { logger }) => {
      const facts: EmployerEventFacts = data;
      const code = employerMilestoneCode(reports, facts.attendance);
      return reportMilestone(client, facts, employerMilestoneReport(id, code, facts), logger);
    }),
  );
}
