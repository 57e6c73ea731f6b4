import type { Queryable } from '@ladder/db';
import type { Employment } from '../db/employments.repository.js';
import { tasksOf, type SustainmentTask } from '../db/sustainment-tasks.repository.js';

/**
 * A sustainment task as the API shows it. Overdue: asked, unanswered and past its answer's due
 * time (the journey chases and escalates it; the task stays listed until it is answered).
 */
export function sustainmentTaskView(t: SustainmentTask, now: Date) {
  const path = `/v1/employments/${t.offerId}/sustainment-tasks/${t.weeks}`;
  return {
    ...t,
    overdue: t.status === 'due' && Date.parse(t.answerDueAt) < now.getTime(),
    links: { self: path, answer: `${path}/answer`, employment: `/v1/employments/${t.offerId}` },
  };
}

/** An employment as the API shows it, with its sustainment tasks. */
export async function employmentView(db: Queryable, e: Employment, now: Date) {
  return {
    ...e,
    sustainmentTasks: (await tasksOf(db, e.offerId)).map((t) => sustainmentTaskView(t, now)),
    links: { self: `/v1/employments/${e.offerId}` },
  };
}
