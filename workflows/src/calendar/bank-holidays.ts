import Holidays from 'date-holidays';
import type { BankHolidayRegion } from '@ladder/vocabulary';

/** date-holidays' code for each nation's calendar (England and Wales share theirs). */
const calendarOf: Record<BankHolidayRegion, [country: string, state: string]> = {
  'england-and-wales': ['GB', 'ENG'],
  scotland: ['GB', 'SCT'],
  'northern-ireland': ['GB', 'NIR'],
};

/**
 * A nation's bank holidays (substitute days included) from `fromYear` for `years` years, as
 * `YYYY-MM-DD`, from the maintained `date-holidays` rules. Computed outside the workflow and
 * handed to it in its input, so that the journey's deadlines replay the same forever.
 */
export function bankHolidays(region: BankHolidayRegion, fromYear: number, years = 3): string[] {
  const [country, state] = calendarOf[region];
  const calendar = new Holidays(country, state);
  return Array.from({ length: years }, (_, i) => fromYear + i)
    .flatMap((year) => calendar.getHolidays(year))
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10))
    .sort();
}
