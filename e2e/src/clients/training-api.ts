import { z } from 'zod';
import type {
  AttendanceMark,
  CourseMode,
  CourseResult,
  EarlyEndReason,
  FundingRoute,
  Qualification,
  QualificationLevel,
} from '@ladder/vocabulary';
import type { ApiClient } from './api-client.js';

const created = z.looseObject({ id: z.uuid() });

const place = z.looseObject({
  id: z.uuid(),
  intakeId: z.uuid(),
  participantId: z.uuid(),
  status: z.string(),
  waitlistPosition: z.number().nullable(),
  result: z.string().nullable(),
});
export type Place = z.infer<typeof place>;

/** The learner as the provider may see them: only while their consent covers it. */
const learner = z.discriminatedUnion('released', [
  z.looseObject({
    released: z.literal(true),
    person: z.looseObject({ givenName: z.string(), familyName: z.string() }),
  }),
  z.looseObject({ released: z.literal(false), reason: z.string() }),
]);
export type Learner = z.infer<typeof learner>;

export interface NewCourse {
  title: string;
  qualification: Qualification;
  level: QualificationLevel;
  mode: CourseMode;
  postcodeArea: string;
  lengthWeeks: number;
  fundingRoute: FundingRoute;
}

export interface NewIntake {
  startsOn: string;
  endsOn: string;
  capacity: number;
  sessions: { sessionNumber: number; startsAt: string; endsAt: string }[];
}

/** A training provider on the training service: its courses, intakes, registers and results. */
export class ProviderApi {
  constructor(readonly client: ApiClient) {}

  createCourse(course: NewCourse): Promise<{ id: string }> {
    return this.client.call('POST', '/v1/courses', created, { body: course, idempotent: true });
  }

  createIntake(courseId: string, intake: NewIntake): Promise<{ id: string }> {
    return this.client.call('POST', `/v1/courses/${courseId}/intakes`, created, {
      body: intake,
      idempotent: true,
    });
  }

  async recordRegister(
    intakeId: string,
    sessionNumber: number,
    marks: { placeId: string; mark: AttendanceMark }[],
  ): Promise<void> {
    await this.client.call(
      'PUT',
      `/v1/intakes/${intakeId}/sessions/${sessionNumber}/register`,
      z.unknown(),
      { body: { marks } },
    );
  }

  complete(
    placeId: string,
    result: CourseResult,
    award?: { awardingBody: string; awardedOn: string },
  ): Promise<Place> {
    return this.client.call('POST', `/v1/places/${placeId}/complete`, place, {
      body: { result, ...(award ? { award } : {}) },
    });
  }

  withdraw(placeId: string, reasonCode: EarlyEndReason): Promise<Place> {
    return this.client.call('POST', `/v1/places/${placeId}/withdraw`, place, {
      body: { reasonCode },
    });
  }

  /** Who the learner is, fetched by the training service from the referral service's consented view. */
  learner(placeId: string): Promise<Learner> {
    return this.client.call('GET', `/v1/places/${placeId}/learner`, learner);
  }

  /** The learner goes on to further education or training outside the programme. */
  progress(placeId: string): Promise<Place> {
    return this.client.call('POST', `/v1/places/${placeId}/progress`, place);
  }
}

/** The programme operator on the training service: asks for places for its participants. */
export class TrainingOperatorApi {
  constructor(readonly client: ApiClient) {}

  requestPlace(intakeId: string, participantId: string, programmeId: string): Promise<Place> {
    return this.client.call('POST', `/v1/intakes/${intakeId}/places`, place, {
      body: { participantId, programmeId },
      idempotent: true,
      untilKnown: true,
    });
  }
}
