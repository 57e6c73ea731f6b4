import { describe, expect, it } from 'vitest';
import { calendarDay, freeText, positiveInt, timestamp } from './input-schemas.js';

describe('input schemas that PostgreSQL can store', () => {
  it.each(['2026-12-01T09:00:00Z', '2026-12-01T09:00:00.123+01:00', '1999-01-01T00:00:00-14:00'])(
    'when the time is %s, then it is accepted',
    (value) => {
      expect(timestamp().safeParse(value).success).toBe(true);
    },
  );

  it.each([
    ['the year 643', '0643-01-01T00:00:00Z'],
    ['an offset of -16:45', '2026-01-01T00:00:00-16:45'],
    ['the year 10000', '10000-01-01T00:00:00Z'],
    ['no offset', '2026-01-01T00:00:00'],
  ])('when the time has %s, then it is refused', (_what, value) => {
    expect(timestamp().safeParse(value).success).toBe(false);
  });

  it('when a whole number is beyond PostgreSQL int, then it is refused; within it, accepted', () => {
    expect(positiveInt().safeParse('123456789012345').success).toBe(false);
    expect(positiveInt().safeParse('2147483648').success).toBe(false);
    expect(positiveInt().safeParse('2147483647').success).toBe(true);
    expect(positiveInt().safeParse('0').success).toBe(false);
  });

  it('when a day is before 1900, then it is refused', () => {
    expect(calendarDay().safeParse('0201-05-17').success).toBe(false);
    expect(calendarDay().safeParse('2003-05-17').success).toBe(true);
  });
});

describe('freeText', () => {
  it('when text holds a NUL or another control character, then it is refused; tabs and line breaks are kept', () => {
    const title = freeText({ min: 1, max: 20 });
    expect(title.safeParse('a\u0000b').success).toBe(false);
    expect(title.safeParse('a\u001bb').success).toBe(false);
    expect(title.parse('  line one\nline\ttwo ')).toBe('line one\nline\ttwo');
    expect(title.safeParse('   ').success).toBe(false);
  });
});
