import { describe, expect, it } from 'vitest';
import { bangkokDate, toBangkokIso } from '../../shared/domain/time.ts';
import { addWorkingDays, isWorkingDay } from '../../shared/domain/working-days.ts';

const none = new Set<string>();

describe('working-day deadlines (Asia/Bangkok)', () => {
  it('formats instants in Bangkok time with the +07:00 offset', () => {
    expect(toBangkokIso(new Date('2026-11-22T20:00:00Z'))).toBe('2026-11-23T03:00:00.000+07:00');
    expect(bangkokDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
    expect(bangkokDate(new Date('2026-11-22T16:59:59Z'))).toBe('2026-11-22');
  });

  it('knows weekends and listed holidays', () => {
    expect(isWorkingDay('2026-11-21', none)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22', none)).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-23', none)).toBe(true); // Monday
    expect(isWorkingDay('2026-11-23', new Set(['2026-11-23']))).toBe(false);
  });

  it('counts from the day after filing and ends at office close (16:30)', () => {
    // Filed Monday 23 Nov 2026 10:00 Bangkok; 1 working day → Tuesday 16:30.
    const due = addWorkingDays(new Date('2026-11-23T03:00:00Z'), 1, none);
    expect(toBangkokIso(due)).toBe('2026-11-24T16:30:00.000+07:00');
  });

  it('skips the weekend', () => {
    // Filed Thursday 26 Nov; 3 working days → Fri, Mon, Tue.
    const due = addWorkingDays(new Date('2026-11-26T03:00:00Z'), 3, none);
    expect(toBangkokIso(due)).toBe('2026-12-01T16:30:00.000+07:00');
  });

  it('uses the Bangkok date, not UTC, for a filing late in the evening', () => {
    // 23:30 Bangkok on Friday 27 Nov is still Friday 16:30 UTC: one working day → Monday.
    const due = addWorkingDays(new Date('2026-11-27T16:30:00Z'), 1, none);
    expect(toBangkokIso(due)).toBe('2026-11-30T16:30:00.000+07:00');
  });

  it('skips holidays and crosses the year end', () => {
    const holidays = new Set(['2026-12-31', '2027-01-01']);
    // Filed Tuesday 29 Dec 2026: Wed 30 (1), Thu 31 holiday, Fri 1 Jan holiday, Mon 4 Jan (2).
    const due = addWorkingDays(new Date('2026-12-29T03:00:00Z'), 2, holidays);
    expect(toBangkokIso(due)).toBe('2027-01-04T16:30:00.000+07:00');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(new Date(), -1, none)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, none)).toThrow(RangeError);
  });
});

describe('substitution days', () => {
  it('make up a weekend holiday on the next working day: Monday 7 December 2026 is not a working day', async () => {
    const { allHolidays, substitutionDays } = await import('../../shared/data/holidays.ts');
    const dates = new Set(allHolidays().map((h) => h.date));
    expect(dates.has('2026-12-07')).toBe(true); // Saturday 5 December 2026
    expect(dates.has('2026-06-01')).toBe(true); // Sunday 31 May 2026 (Visakha Bucha)
    // A weekend Songkran gives two weekdays, skipping a day that is already a holiday.
    expect(
      substitutionDays([
        { date: '2028-04-15', nameTh: 'ก', nameEn: 'a' },
        { date: '2028-04-16', nameTh: 'ข', nameEn: 'b' },
        { date: '2028-04-17', nameTh: 'ค', nameEn: 'c' },
      ]).map((h) => h.date),
    ).toEqual(['2028-04-18', '2028-04-19']);
  });
});
