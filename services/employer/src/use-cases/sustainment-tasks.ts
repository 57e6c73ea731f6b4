import type { Actor } from '@ladder/auth';
import { appendToOutbox, withTransaction, type PoolClient } from '@ladder/db';
import { sustainmentConfirmedV1, sustainmentDueV1 } from '@ladder/events';
import { problem } from '@ladder/http';
import type { SustainmentWeeks } from '@ladder/vocabulary';
import { getEmployment, updateEmployment } from '../db/employments.repository.js';
import {
  claimTasksAtTheirMark,
  getSustainmentTask,
  updateSustainmentTask,
  type SustainmentTask,
} from '../db/sustainment-tasks.repository.js';
import type { EventCause } from '../events/employer-event.js';
import { offerEvent } from '../events/vacancy-events.js';
import type { EmployerDeps } from './deps.js';
import { employmentView, sustainmentTaskView } from './employment-views.js';
import { lockForEmployer, recordLeaving, type Leaving } from './employments.js';

const offerOfTask = (t: SustainmentTask) => ({ ...t, id: t.offerId });

/** The mark is reached: the employer is asked (SustainmentDue), with the time its answer is due. */
async function askAtTheMark(tx: PoolClient, task: SustainmentTask, cause: EventCause, now: Date) {
  await updateSustainmentTask(tx, task, { status: 'due', publishedDueAt: now });
  await appendToOutbox(tx, [
    offerEvent(
      sustainmentDueV1,
      offerOfTask(task),
      { weeks: task.weeks, answerDueAt: new Date(task.answerDueAt).toISOString() },
      cause,
      now,
    ),
  ]);
}

/** The person is in post at the mark (SustainmentConfirmed); at 26 weeks the job was sustained. */
async function confirmInPost(tx: PoolClient, task: SustainmentTask, cause: EventCause, now: Date) {
  await updateSustainmentTask(tx, task, { status: 'confirmed', answeredAt: now });
  if (task.weeks === 26) await updateEmployment(tx, task.offerId, { status: 'sustained' });
  await appendToOutbox(tx, [
    offerEvent(sustainmentConfirmedV1, offerOfTask(task), { weeks: task.weeks }, cause, now),
  ]);
}

export type SustainmentAnswer = { answer: 'in-post' } | ({ answer: 'left' } & Leaving);

/**
 * The employer answers a task. In post: confirmed once the mark is reached; before it, the answer
 * is kept and published when the mark is reached (never early, never lost). Left: LeftPost, and
 * the tasks not yet answered end. The same answer again changes nothing.
 */
export async function answerSustainmentTask(
  deps: EmployerDeps,
  actor: Actor,
  offerId: string,
  weeks: SustainmentWeeks,
  answer: SustainmentAnswer,
) {
  return withTransaction(deps.pool, async (tx) => {
    const employment = await lockForEmployer(tx, actor, offerId);
    const task = await getSustainmentTask(tx, offerId, weeks);
    if (!task) throw problem.notFound('no such sustainment task');
    const now = deps.now();
    if (answer.answer === 'left') {
      const { answer: _, ...leaving } = answer;
      await recordLeaving(tx, deps, actor, employment, leaving);
    } else if (task.status === 'left' || task.status === 'cancelled')
      throw problem.conflict('the person left the post before this mark', {
        code: 'sustainment-task-closed',
      });
    else if (task.status === 'due') await confirmInPost(tx, task, actor, now);
    else if (task.status === 'pending') {
      if (Date.parse(task.markAt) <= now.getTime()) {
        // The mark has come but the due job has not been by yet: ask and answer in one go.
        await askAtTheMark(tx, task, actor, now);
        await confirmInPost(tx, task, actor, now);
      } else if (task.earlyAnswer === null)
        await updateSustainmentTask(tx, task, {
          status: 'pending',
          earlyAnswer: 'in-post',
          answeredAt: now,
        });
    }
    return {
      task: sustainmentTaskView((await getSustainmentTask(tx, offerId, weeks))!, now),
      employment: await employmentView(tx, (await getEmployment(tx, offerId))!, now),
    };
  });
}

/**
 * The due job: every task whose mark has been reached is asked (SustainmentDue), and an early "in
 * post" answer is published right after it (SustainmentConfirmed). Batches under `skip locked`,
 * so instances running at once never publish a task twice. The tasks are rows, so a restart loses
 * nothing: the next pass finds what is due. Returns how many tasks were asked.
 */
export async function askDueSustainment(
  deps: Pick<EmployerDeps, 'pool' | 'now'>,
  now: Date = deps.now(),
  batch = 100,
): Promise<number> {
  let asked = 0;
  for (;;) {
    const claimed = await withTransaction(deps.pool, async (tx) => {
      const tasks = await claimTasksAtTheirMark(tx, now, batch);
      for (const task of tasks) {
        const cause = { correlationId: `sustainment-due:${task.offerId}:${task.weeks}` };
        await askAtTheMark(tx, task, cause, now);
        if (task.earlyAnswer === 'in-post') await confirmInPost(tx, task, cause, now);
      }
      return tasks.length;
    });
    asked += claimed;
    if (claimed < batch) return asked;
  }
}
