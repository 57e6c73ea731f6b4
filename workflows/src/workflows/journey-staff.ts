import type {
  JourneyState,
  MilestoneReport,
  StaffMilestoneRecord,
} from '@ladder/workflow-contracts';
import {
  applicationOutcomes,
  isOpaqueId,
  staffMilestones,
  type MilestoneRefusal,
} from '@ladder/vocabulary';
import { isEnded } from './journey-rules.js';
import { refusalOf } from './journey-transitions.js';

/**
 * Milestones staff record (the `recordMilestone` update): the report the state machine applies,
 * and why it would refuse one, worked out before the update is accepted. Pure.
 */

/** The report a staff record becomes: the update's id is its event id, so a retry is seen once. */
export function staffReport(
  record: StaffMilestoneRecord,
  eventId: string,
  at: string,
): MilestoneReport {
  return {
    eventId,
    code: record.code,
    occurredAt: at,
    by: record.recordedBy,
    ...(record.ref !== undefined ? { ref: record.ref } : {}),
    ...(record.code === 'application-outcome' && record.applicationOutcome
      ? { applicationOutcome: record.applicationOutcome }
      : {}),
  };
}

/** What is wrong with the record itself, whatever the journey: ids only, the fields its code takes. */
function shapeRefusal(record: StaffMilestoneRecord): MilestoneRefusal | undefined {
  if (!(staffMilestones as readonly string[]).includes(record.code)) return 'not-recorded-by-staff';
  if (record.recordedBy === undefined) return 'incomplete-report';
  if (!isOpaqueId(record.recordedBy)) return 'invalid-report';
  if (record.ref !== undefined && !isOpaqueId(record.ref)) return 'invalid-report';
  const outcome = record.applicationOutcome;
  if (outcome !== undefined) {
    if (record.code !== 'application-outcome') return 'invalid-report';
    if (!(applicationOutcomes as readonly string[]).includes(outcome)) return 'invalid-report';
  } else if (record.code === 'application-outcome') return 'incomplete-report';
  return undefined;
}

/**
 * Why the journey would refuse this record now, or undefined if it would apply it: the record's
 * own faults first, then the state machine's own answer (`refusalOf`), so that the update refuses
 * exactly what the machine would. Journeys on the rules before the state machine
 * (`onStateMachine` false) only refuse once they have ended.
 */
export function staffRefusalOf(
  state: JourneyState,
  record: StaffMilestoneRecord,
  at: string,
  onStateMachine: boolean,
): MilestoneRefusal | undefined {
  const fault = shapeRefusal(record);
  if (fault) return fault;
  if (!onStateMachine) return isEnded(state) ? 'journey-ended' : undefined;
  return refusalOf(state, staffReport(record, 'validating', at));
}
