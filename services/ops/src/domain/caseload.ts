import type { JourneyState } from '@ladder/workflow-contracts';
import type { JourneyView } from './journey-view.js';

/** One of a mentor's participants: the read model's journey and its live state, if known. */
export interface CaseloadEntry {
  journey: Pick<JourneyView, 'referralId' | 'referredAt' | 'nextDeadlineAt' | 'atRisk'>;
  live: Pick<JourneyState, 'deadlines'> | null;
}

/** Deadlines still running or already passed with nothing done: what someone owes the journey. */
const owing = new Set(['open', 'missed', 'escalated']);

/**
 * When the journey next needs something: the earliest deadline it is owed, from its live state
 * (every deadline) and the read model (missed ones and the employer's), or null.
 */
export function nextDueOf(entry: CaseloadEntry): string | null {
  const due = [
    ...(entry.live?.deadlines.filter((d) => owing.has(d.state)).map((d) => d.dueAt) ?? []),
    ...(entry.journey.nextDeadlineAt ? [entry.journey.nextDeadlineAt] : []),
  ].map((iso) => Date.parse(iso));
  return due.length ? new Date(Math.min(...due)).toISOString() : null;
}

/**
 * Most urgent first: the earliest next due (the most overdue first), those with nothing due
 * after; then learners at risk; then the longest referred.
 */
export function byUrgency<E extends CaseloadEntry>(
  entries: readonly E[],
): (E & { nextDue: string | null })[] {
  const key = (e: E & { nextDue: string | null }) => [
    e.nextDue === null ? Number.POSITIVE_INFINITY : Date.parse(e.nextDue),
    e.journey.atRisk ? 0 : 1,
    e.journey.referredAt ? Date.parse(e.journey.referredAt) : Number.POSITIVE_INFINITY,
  ];
  return entries
    .map((e) => ({ ...e, nextDue: nextDueOf(e) }))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      return a.journey.referralId.localeCompare(b.journey.referralId);
    });
}
