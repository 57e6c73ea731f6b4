/** Which event a "latest" column group came from: a later one replaces it, an earlier one not. */
export interface EventStamp {
  at: string;
  eventId: string;
}

/** What every employer event names: the participant, programme and employer. */
export interface EmployerRef {
  participantId: string;
  programmeId: string;
  employerOrganisationId: string;
}

/**
 * `column = excluded.column` for each column of a group, only when the incoming event happened
 * after the one the row's group came from (by its time, then its id), so that the row is the same
 * whatever order the events arrive in. All assignments read the row as it was, so one test holds
 * for the whole group.
 */
export function whenLater(
  table: string,
  at: string,
  event: string,
  columns: readonly string[],
): string {
  const later = `(${table}.${at} is null or (excluded.${at}, excluded.${event}) > (${table}.${at}, ${table}.${event}))`;
  return [...columns, at, event]
    .map((c) => `${c} = case when ${later} then excluded.${c} else ${table}.${c} end`)
    .join(', ');
}
