import { z } from 'zod';
import type {
  AgendaForChangeBand,
  CheckStatus,
  EarlyEndReason,
  EntryLevelRole,
  InterviewFormat,
  InterviewResult,
  PlacementDeclineReason,
  PlacementKind,
  PreEmploymentCheck,
} from '@ladder/vocabulary';
import type { ApiClient } from './api-client.js';

const created = z.looseObject({ id: z.uuid() });
const placement = z.looseObject({ id: z.uuid(), status: z.string() });
export type Placement = z.infer<typeof placement>;
const interview = z.looseObject({
  id: z.uuid(),
  attendance: z.string().nullable(),
  result: z.string().nullable(),
});
/** An interview as its employer reads it: the participant's adjustments, if consented. */
const interviewWithParticipant = interview.extend({
  participant: z
    .discriminatedUnion('released', [
      z.looseObject({ released: z.literal(true), reasonableAdjustments: z.array(z.string()) }),
      z.looseObject({ released: z.literal(false), reason: z.string() }),
    ])
    .optional(),
});
const offer = z.looseObject({ id: z.uuid(), status: z.string(), respondBy: z.string() });
export type Offer = z.infer<typeof offer>;
const checks = z.looseObject({
  offerStatus: z.string(),
  items: z.array(z.looseObject({ check: z.string(), status: z.string() })),
});
const sustainmentTask = z.looseObject({
  weeks: z.number(),
  status: z.string(),
  markAt: z.string(),
  earlyAnswer: z.string().nullable(),
});
const employment = z.looseObject({
  offerId: z.uuid(),
  status: z.string(),
  startedOn: z.string().nullable(),
  sustainmentTasks: z.array(sustainmentTask),
});
export type Employment = z.infer<typeof employment>;

/** Who is meant: a participant of a programme (employer routes name both). */
export interface ParticipantInProgramme {
  participantId: string;
  programmeId: string;
}

/** An employer on the employer service: opportunities, decisions, offers, checks, employment. */
export class EmployerApi {
  constructor(readonly client: ApiClient) {}

  createSite(name: string, postcodeArea: string): Promise<{ id: string }> {
    return this.client.call('POST', '/v1/sites', created, {
      body: { name, postcodeArea },
      idempotent: true,
    });
  }

  createSlot(slot: {
    siteId: string;
    kind: PlacementKind;
    roleArea: EntryLevelRole;
    startsOn: string;
    endsOn: string;
    hoursPerWeek: number;
    capacity: number;
  }): Promise<{ id: string }> {
    return this.client.call('POST', '/v1/placement-slots', created, {
      body: slot,
      idempotent: true,
    });
  }

  createVacancy(vacancy: {
    siteId: string;
    role: EntryLevelRole;
    band: AgendaForChangeBand;
    hoursPerWeek: number;
    posts: number;
    closesOn: string;
  }): Promise<{ id: string }> {
    return this.client.call('POST', '/v1/vacancies', created, {
      body: vacancy,
      idempotent: true,
    });
  }

  /** `confirm`, `start` or `complete` a placement proposed to this employer. */
  movePlacement(placementId: string, move: 'confirm' | 'start' | 'complete'): Promise<Placement> {
    return this.client.call('POST', `/v1/placements/${placementId}/${move}`, placement);
  }

  declinePlacement(placementId: string, reasonCode: PlacementDeclineReason): Promise<Placement> {
    return this.client.call('POST', `/v1/placements/${placementId}/decline`, placement, {
      body: { reasonCode },
    });
  }

  async recordInterview(interviewId: string, result: InterviewResult): Promise<void> {
    await this.client.call('POST', `/v1/interviews/${interviewId}/record`, interview, {
      body: { attendance: 'attended', result },
    });
  }

  interview(interviewId: string): Promise<z.infer<typeof interviewWithParticipant>> {
    return this.client.call('GET', `/v1/interviews/${interviewId}`, interviewWithParticipant);
  }

  makeOffer(vacancyId: string, who: ParticipantInProgramme, interviewId?: string): Promise<Offer> {
    return this.client.call('POST', `/v1/vacancies/${vacancyId}/offers`, offer, {
      body: { ...who, ...(interviewId ? { interviewId } : {}) },
      idempotent: true,
      untilKnown: true,
    });
  }

  /** Moves one of the six checks; the sixth cleared makes the offer unconditional. */
  setCheck(
    offerId: string,
    check: PreEmploymentCheck,
    status: CheckStatus,
    evidenceSeenOn: string,
  ): Promise<z.infer<typeof checks>> {
    return this.client.call('PUT', `/v1/offers/${offerId}/checks/${check}`, checks, {
      body: { status, evidenceSeenOn: [evidenceSeenOn] },
    });
  }

  async agreeStartDate(offerId: string, startsOn: string): Promise<void> {
    await this.client.call('POST', `/v1/offers/${offerId}/start-date`, employment, {
      body: { startsOn },
      idempotent: true,
    });
  }

  /** The start in post; the employment is named by its offer. */
  start(offerId: string, startedOn: string): Promise<Employment> {
    return this.client.call('POST', `/v1/employments/${offerId}/start`, employment, {
      body: { startedOn },
      idempotent: true,
    });
  }

  async answerSustainment(offerId: string, weeks: 13 | 26): Promise<void> {
    await this.client.call(
      'POST',
      `/v1/employments/${offerId}/sustainment-tasks/${weeks}/answer`,
      z.unknown(),
      { body: { answer: 'in-post' } },
    );
  }

  async leave(offerId: string, leftOn: string, reasonCode: EarlyEndReason): Promise<void> {
    await this.client.call('POST', `/v1/employments/${offerId}/leave`, z.unknown(), {
      body: { leftOn, reasonCode },
    });
  }

  employment(offerId: string): Promise<Employment> {
    return this.client.call('GET', `/v1/employments/${offerId}`, employment);
  }
}

/** The programme operator on the employer service: proposes, arranges interviews, answers offers. */
export class EmploymentOperatorApi {
  constructor(readonly client: ApiClient) {}

  proposePlacement(slotId: string, who: ParticipantInProgramme): Promise<Placement> {
    return this.client.call('POST', `/v1/placement-slots/${slotId}/placements`, placement, {
      body: who,
      idempotent: true,
      untilKnown: true,
    });
  }

  scheduleInterview(
    vacancyId: string,
    who: ParticipantInProgramme,
    scheduledAt: string,
    format: InterviewFormat,
  ): Promise<{ id: string }> {
    return this.client.call('POST', `/v1/vacancies/${vacancyId}/interviews`, interview, {
      body: { ...who, scheduledAt, format },
      idempotent: true,
      untilKnown: true,
    });
  }

  /** The participant's answer to an offer, recorded for them. */
  answerOffer(offerId: string, answer: 'accept' | 'decline'): Promise<Offer> {
    return this.client.call('POST', `/v1/offers/${offerId}/${answer}`, offer, {
      ...(answer === 'decline' ? { body: { reasonCode: 'declined-by-participant' } } : {}),
    });
  }
}
