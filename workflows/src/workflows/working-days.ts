const dayMs = 24 * 60 * 60 * 1000;

/**
 * Adds working days (Monday to Friday) to a time. Bank holidays are not modelled: deadlines may
 * fall a day early around them (see workflows/README.md).
 */
export function addWorkingDays(from: Date, days: number): Date {
  const result = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    result.setTime(result.getTime() + dayMs);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return result;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * dayMs);
}
