import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deadline } from '@ladder/workflow-contracts';
import { byUrgency, nextDueOf, type CaseloadEntry } from './caseload.js';

const deadline = (dueAt: string, state: Deadline['state']): Deadline => ({
  name: 'first-contact',
  dueAt,
  waitingFor: 'first-contact',
  from: 'programme-operator',
  state,
  extendedByDays: 0,
});
const entry = (
  referralId: string,
  o: {
    due?: [string, Deadline['state']][];
    next?: string;
    atRisk?: boolean;
    referredAt?: string;
  } = {},
): CaseloadEntry => ({
  journey: {
    referralId,
    referredAt: o.referredAt ?? '2026-01-01T00:00:00.000Z',
    nextDeadlineAt: o.next ?? null,
    atRisk: o.atRisk ?? false,
  },
  live: { deadlines: (o.due ?? []).map(([at, state]) => deadline(at, state)) },
});

describe('a caseload by urgency', () => {
  it('when deadlines are met or cancelled, then they are not due; the earliest owed of the live and read-model ones is', () => {
    expect(
      nextDueOf(
        entry('a', {
          due: [
            ['2026-02-01T00:00:00.000Z', 'met'],
            ['2026-02-03T00:00:00.000Z', 'cancelled'],
            ['2026-02-10T00:00:00.000Z', 'open'],
          ],
          next: '2026-02-08T00:00:00.000Z',
        }),
      ),
    ).toBe('2026-02-08T00:00:00.000Z');
    expect(nextDueOf({ ...entry('b'), live: null })).toBeNull();
  });

  it('when sorted, then the most overdue comes first, nothing due last, and at-risk learners before others due alike', () => {
    const sorted = byUrgency([
      entry('nothing-due'),
      entry('due-later', { due: [['2026-03-01T00:00:00.000Z', 'open']] }),
      entry('most-overdue', { due: [['2026-01-05T00:00:00.000Z', 'missed']] }),
      entry('at-risk-nothing-due', { atRisk: true }),
    ]).map((e) => e.journey.referralId);
    expect(sorted).toEqual(['most-overdue', 'due-later', 'at-risk-nothing-due', 'nothing-due']);
  });

  it('when any caseload is sorted, then each next due is no earlier than the one before it', () => {
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString());
    const state = fc.constantFrom<Deadline['state']>(
      'open',
      'met',
      'missed',
      'escalated',
      'cancelled',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            due: fc.array(fc.tuple(day, state), { maxLength: 4 }),
            next: fc.option(day, { nil: undefined }),
            atRisk: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        (specs) => {
          const sorted = byUrgency(specs.map((s, i) => entry(`j${i}`, s)));
          const dues = sorted.map((e) => (e.nextDue ? Date.parse(e.nextDue) : Infinity));
          expect(dues).toEqual([...dues].sort((a, b) => a - b));
        },
      ),
    );
  });
});
