import { describe, expect, it } from 'vitest';
import {
  employerEventMilestones,
  employerEventsWithoutMilestone,
  employerMilestoneCode,
  eventCatalogue,
  topics,
} from '@ladder/events';
import { employerMilestoneReport } from './employer-bridge.js';

const ids = {
  participantId: 'participant-1',
  programmeId: 'programme-1',
  employerOrganisationId: 'org-bedford-hospital',
  occurredAt: '2026-03-02T10:00:00.000Z',
};

describe('employer events as journey milestones', () => {
  it('when every employer event is mapped, then each of the twenty reports its own milestone', () => {
    const types = employerEventMilestones.map(([definition]) => definition.type);
    expect(new Set(types).size).toBe(20);
    const interview = employerEventMilestones.find(([d]) => d.type === 'InterviewRecorded')![1];
    expect(employerMilestoneCode(interview, 'attended')).toBe('interview-held');
    expect(employerMilestoneCode(interview, 'missed')).toBe('interview-missed');
  });

  it('when an employer event is published, then it is either a milestone or named as none (the bridge skips it)', () => {
    const published = eventCatalogue
      .filter((d) => d.topic === topics.employers)
      .map((d) => `${d.type} v${d.version}`);
    const told = [
      ...employerEventMilestones.map(([d]) => d),
      ...employerEventsWithoutMilestone,
    ].map((d) => `${d.type} v${d.version}`);
    expect([...told].sort()).toEqual([...published].sort());
    expect(employerEventsWithoutMilestone.map((d) => d.type)).toEqual([
      'InterviewRescheduled',
      'InterviewCancelled',
    ]);
  });

  it.each([
    [
      'a check update',
      'check-updated' as const,
      {
        offerId: 'offer-1',
        check: 'criminal-record-and-barring' as const,
        status: 'waiting-for-third-party' as const,
        owner: 'third-party' as const,
        dueOn: '2026-03-20',
      },
      {
        ref: 'offer-1',
        check: 'criminal-record-and-barring',
        checkStatus: 'waiting-for-third-party',
        checkOwner: 'third-party',
        dueAt: '2026-03-20T00:00:00.000Z',
      },
    ],
    [
      'a decided check (no owner, no due date)',
      'check-updated' as const,
      {
        offerId: 'offer-1',
        check: 'identity' as const,
        status: 'cleared' as const,
        owner: null,
        dueOn: null,
      },
      { ref: 'offer-1', check: 'identity', checkStatus: 'cleared' },
    ],
    [
      'a sustainment mark',
      'sustainment-due' as const,
      { offerId: 'offer-1', weeks: 13 as const, answerDueAt: '2026-06-10T09:00:00.000Z' },
      { ref: 'offer-1', weeks: 13, dueAt: '2026-06-10T09:00:00.000Z' },
    ],
    [
      'a withdrawn offer',
      'offer-withdrawn' as const,
      { offerId: 'offer-1', reasonCode: 'check-failed', check: 'work-health-assessment' as const },
      { ref: 'offer-1', reasonCode: 'check-failed', check: 'work-health-assessment' },
    ],
    [
      'a proposed placement',
      'placement-proposed' as const,
      { placementId: 'placement-1', placementKind: 'work-experience' as const },
      { ref: 'placement-1', placementKind: 'work-experience' },
    ],
    [
      'an interview',
      'interview-missed' as const,
      { interviewId: 'interview-1', attendance: 'missed' as const },
      { ref: 'interview-1' },
    ],
    [
      'an offer that follows an interview (the offer is the reference)',
      'offer-made' as const,
      { offerId: 'offer-1', interviewId: 'interview-1' },
      { ref: 'offer-1' },
    ],
  ])(
    'when the bridge reads %s, then the report carries its reference and details',
    (_name, code, data, expected) => {
      expect(employerMilestoneReport('event-1', code, { ...ids, ...data })).toEqual({
        eventId: 'event-1',
        code,
        occurredAt: ids.occurredAt,
        by: ids.employerOrganisationId,
        ...expected,
      });
    },
  );
});
