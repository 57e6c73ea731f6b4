import { sustainmentWeeks, type SustainmentWeeks } from '@ladder/vocabulary';

const dayMs = 86_400_000;

/** The employment settings the marks depend on (a programme's `rules.employment`). */
export interface MarkSettings {
  sustainmentMarkDays: Record<'13' | '26', number>;
  sustainmentResponseDays: number;
}

export interface SustainmentMark {
  weeks: SustainmentWeeks;
  /** When the employer is asked whether the person is still in post. */
  markAt: Date;
  /** When the answer is due; past it the task is overdue. */
  answerDueAt: Date;
}

/**
 * The 13- and 26-week marks of a start in post: counted from the start of the first day (UTC), in
 * days that may be fractions (a demo programme's marks fall minutes after the start).
 */
export function sustainmentMarks(startedOn: string, settings: MarkSettings): SustainmentMark[] {
  const start = Date.parse(`${startedOn}T00:00:00Z`);
  return sustainmentWeeks.map((weeks) => {
    const markAt = start + settings.sustainmentMarkDays[`${weeks}`] * dayMs;
    return {
      weeks,
      markAt: new Date(markAt),
      answerDueAt: new Date(markAt + settings.sustainmentResponseDays * dayMs),
    };
  });
}

/** The calendar day (UTC) of a moment, as `YYYY-MM-DD`: what "today" is for date rules. */
export const dayOf = (moment: Date): string => moment.toISOString().slice(0, 10);
