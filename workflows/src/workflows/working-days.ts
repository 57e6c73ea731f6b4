const dayMs = 24 * 60 * 60 * 1000;

/** Days that are not working days beyond weekends: bank holidays, as `YYYY-MM-DD`. */
export type Holidays = ReadonlySet<string>;
const noHolidays: Holidays = new Set();

/**
 * Adds working days to a time: Monday to Friday, skipping the bank holidays given (the days of
 * the programme's nation, which the journey's input carries; none for journeys started before).
 * Days are UTC calendar days.
 */
export function addWorkingDays(from: Date, days: number, holidays: Holidays = noHolidays): Date {
  const result = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    result.setTime(result.getTime() + dayMs);
    const weekday = result.getUTCDay();
    const holiday = holidays.has(result.toISOString().slice(0, 10));
    if (weekday !== 0 && weekday !== 6 && !holiday) left -= 1;
  }
  return result;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * dayMs);
}
