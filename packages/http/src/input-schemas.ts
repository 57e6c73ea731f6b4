import { z } from 'zod';

/**
 * Input shapes whose limits are those of what stores them, so that any input a route accepts can
 * be stored and compared: out-of-range values get a 400 naming the field, never a 500 from
 * PostgreSQL. The limits are in the schemas, so the OpenAPI document shows them.
 */

/** PostgreSQL's `int` (4 bytes). */
export const postgresIntMax = 2_147_483_647;

/** A positive whole number PostgreSQL's `int` holds; from a query string or path too. */
export const positiveInt = () => z.coerce.number().int().min(1).max(postgresIntMax);

/**
 * A time with its UTC offset (RFC 3339), in the years 1900 to 2999 and with an offset real clocks
 * use (up to 14 hours either way; PostgreSQL refuses offsets of 16 hours or more).
 */
export const timestamp = () =>
  z.iso
    .datetime({ offset: true })
    .regex(
      /^(19|2\d)\d\d-.*(Z|[+-](0\d|1[0-4]):[0-5]\d)$/,
      'a time in the years 1900-2999 with an offset of at most 14 hours, e.g. 2026-12-01T09:00:00Z',
    );

/** A calendar day (`YYYY-MM-DD`) in the years 1900 to 2999. */
export const calendarDay = () =>
  z.iso.date().regex(/^(19|2\d)\d\d-/, 'a day in the years 1900-2999, e.g. 2003-05-17');

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const noControlCharacters = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/**
 * Free text a person types (a name, a title, a search): trimmed, of `min` to `max` characters, and
 * without control characters (PostgreSQL's `text` cannot hold NUL at all; the others are never
 * typed and only break what shows them). Tabs and line breaks are kept.
 */
export const freeText = ({ min = 0, max }: { min?: number; max: number }) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(noControlCharacters, 'must not contain control characters');
