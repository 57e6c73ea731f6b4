/** A timestamptz column as an ISO 8601 UTC time (as events carry it), e.g. for `respond_by`. */
export const isoTime = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
