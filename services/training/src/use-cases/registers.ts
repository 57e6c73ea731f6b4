import { appendToOutbox, withTransaction } from '@ladder/db';
import { trainingAtRiskV1, trainingSessionRecordedV1 } from '@ladder/events';
import { problem } from '@ladder/http';
import { requestHash } from '@ladder/idempotency';
import { lockSeats } from '../db/intakes.repository.js';
import { listPlaces, markAtRisk } from '../db/places.repository.js';
import { findProgramme } from '../db/programmes.repository.js';
import {
  insertRegister,
  learnerMarks,
  registerVersions,
  sessionExists,
  type RegisterMark,
  type RegisterVersion,
} from '../db/registers.repository.js';
import { becomesAtRisk, summariseAttendance } from '../domain/attendance.js';
import { placeEvent } from '../events/place-events.js';
import { assertProviderOf } from './access.js';
import type { Actor, TrainingDeps } from './deps.js';

/**
 * Records a whole session's register. The same marks as the latest version change nothing; any
 * difference is a correction, stored as the next version with who and when. Each learner's mark
 * is published with their attendance counts, and a run of absences reaching the programme's
 * threshold marks them at risk (once).
 */
export async function recordRegister(
  deps: TrainingDeps,
  actor: Actor,
  at: { intakeId: string; sessionNumber: number },
  marks: RegisterMark[],
): Promise<{ changed: boolean; register: RegisterVersion }> {
  return withTransaction(deps.pool, async (tx) => {
    // Registers of one intake are written one at a time (the seats' lock serves here too).
    const seats = await lockSeats(tx, at.intakeId);
    assertProviderOf(seats?.providerOrganisationId, actor);
    if (!(await sessionExists(tx, at.intakeId, at.sessionNumber)))
      throw problem.notFound('no such session on this intake');
    const places = new Map((await listPlaces(tx, at.intakeId)).map((p) => [p.id, p]));
    marks.forEach((m, i) => {
      const place = places.get(m.placeId);
      // Only a learner who ever held a seat can be on a register (corrections after they left too).
      if (!place?.enrolledAt)
        throw problem.unprocessable('not a learner on this intake', {
          errors: [{ field: `body.marks.${i}.placeId`, message: 'not a learner on this intake' }],
        });
    });
    const sorted = [...marks].sort((a, b) => a.placeId.localeCompare(b.placeId));
    const marksHash = requestHash(sorted);
    const versions = await registerVersions(tx, at.intakeId, at.sessionNumber);
    const latest = versions.at(-1);
    if (latest?.marksHash === marksHash) return { changed: false, register: latest };

    const before = new Map<string, number>();
    for (const m of sorted)
      before.set(
        m.placeId,
        summariseAttendance(await learnerMarks(tx, at.intakeId, m.placeId)).absencesInARow,
      );
    const version = (latest?.version ?? 0) + 1;
    await insertRegister(tx, {
      ...at,
      version,
      recordedByOrganisationId: actor.organisationId,
      marksHash,
      marks: sorted,
    });
    const ctx = {
      correlationId: actor.correlationId,
      now: deps.now(),
      ...(actor.traceparent ? { traceparent: actor.traceparent } : {}),
    };
    for (const m of sorted) {
      const place = places.get(m.placeId)!;
      const summary = summariseAttendance(await learnerMarks(tx, at.intakeId, m.placeId));
      const events = [
        placeEvent(
          trainingSessionRecordedV1,
          place,
          {
            sessionNumber: at.sessionNumber,
            registerVersion: version,
            mark: m.mark,
            ...(m.absenceReason ? { absenceReason: m.absenceReason } : {}),
            ...summary,
          },
          ctx,
        ),
      ];
      const threshold =
        (await findProgramme(tx, place.programmeId))?.training.atRiskAfterAbsencesInARow ?? 3;
      if (
        !place.atRisk &&
        becomesAtRisk(before.get(m.placeId) ?? 0, summary.absencesInARow, threshold)
      ) {
        await markAtRisk(tx, place.id);
        events.push(
          placeEvent(
            trainingAtRiskV1,
            place,
            { absencesInARow: summary.absencesInARow, threshold },
            ctx,
          ),
        );
      }
      await appendToOutbox(tx, events);
    }
    const stored = await registerVersions(tx, at.intakeId, at.sessionNumber);
    return { changed: true, register: stored.at(-1)! };
  });
}
