import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  interviewCancelledV1,
  interviewRescheduledV1,
  interviewScheduledV1,
} from '@ladder/events';
import { employerView } from '../src/db/employer-facts.repository.js';
import {
  journeyEvents,
  programmeEvent,
  startProjectionStack,
  type ProjectionStack,
} from './support/projection-stack.js';

const programmeId = 'blmk-interview-changes';
const now = new Date('2026-04-20T12:00:00Z');

/**
 * The employer service's interview changes in the read model: a moved interview shows its new
 * time; a cancellation (which the read model cannot show yet) is passed over without holding up
 * the participant's later events.
 */
describe('moved and cancelled interviews in the read model', () => {
  let t: ProjectionStack;
  const j = journeyEvents({
    programmeId,
    referredAt: '2026-03-01T10:00:00Z',
    steps: [{ stage: 'engagement', at: '2026-03-02T09:00:00Z' }],
  });
  const who = {
    participantId: j.participantId,
    programmeId,
    employerOrganisationId: 'org-bedford-hospital',
    vacancyId: randomUUID(),
  };
  const context = { source: 'test', subject: j.participantId, correlationId: j.referralId };
  const moved = { ...who, interviewId: randomUUID() };
  const cancelled = { ...who, interviewId: randomUUID() };
  const later = { ...who, interviewId: randomUUID() };
  const scheduled = (ids: typeof moved, occurredAt: string, scheduledAt: string) =>
    createEnvelope(
      interviewScheduledV1,
      { ...ids, occurredAt, scheduledAt, format: 'video', siteId: null },
      context,
    );

  beforeAll(async () => {
    t = await startProjectionStack();
    await t.startProjection();
    await t.publish([programmeEvent(programmeId, 'org-blmk-academy')]);
    await t.publish([
      ...j.events,
      scheduled(moved, '2026-03-10T09:00:00Z', '2026-03-20T10:00:00Z'),
      createEnvelope(
        interviewRescheduledV1,
        {
          ...moved,
          occurredAt: '2026-03-12T09:00:00Z',
          scheduledAt: '2026-03-24T14:00:00Z',
          format: 'in-person',
          siteId: randomUUID(),
          previousScheduledAt: '2026-03-20T10:00:00Z',
          rescheduledBy: 'programme-operator',
        },
        context,
      ),
      scheduled(cancelled, '2026-03-13T09:00:00Z', '2026-03-27T10:00:00Z'),
      createEnvelope(
        interviewCancelledV1,
        {
          ...cancelled,
          occurredAt: '2026-03-14T09:00:00Z',
          reasonCode: 'participant-unavailable',
          cancelledBy: 'employer',
        },
        context,
      ),
      scheduled(later, '2026-03-15T09:00:00Z', '2026-03-30T10:00:00Z'),
    ]);
    // The last event is behind the cancellation on the participant's partition.
    for (let i = 0; i < 600; i += 1) {
      const view = await employerView(t.pool, j.participantId, programmeId, now);
      if (view.interviews.length === 3) break;
      await sleep(100);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when an interview is moved, then the read model shows its new time and format, and the timeline says it was a move', async () => {
    const view = await employerView(t.pool, j.participantId, programmeId, now);
    const shown = view.interviews.find((i) => i.interviewId === moved.interviewId);
    expect(shown).toMatchObject({ scheduledAt: '2026-03-24T14:00:00.000Z', format: 'in-person' });
    const { rows } = await t.pool.query<{ code: string; detail: Record<string, unknown> }>(
      `select code, detail from participant_milestone
       where participant_id = $1 and detail->>'interviewId' = $2 order by occurred_at`,
      [j.participantId, moved.interviewId],
    );
    expect(rows.map((r) => [r.code, r.detail.rescheduled ?? false])).toEqual([
      ['interview-scheduled', false],
      ['interview-scheduled', true],
    ]);
    expect(rows[1]!.detail).toMatchObject({ previousScheduledAt: '2026-03-20T10:00:00Z' });
  });

  it('when an interview is cancelled, then the projection passes over it and goes on with the participant’s later events', async () => {
    const view = await employerView(t.pool, j.participantId, programmeId, now);
    expect(view.interviews.map((i) => i.interviewId)).toEqual(
      expect.arrayContaining([cancelled.interviewId, later.interviewId]),
    );
  });
});
