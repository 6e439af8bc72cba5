import { bangkokDate, bangkokInstant } from './time.ts';

/** Government offices close at 16:30 Bangkok time; a deadline falls at the close of its day. */
export const OFFICE_CLOSE = { hour: 16, minute: 30 } as const;

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/**
 * The deadline for a service of `workingDays` working days filed at `filedAt`: counting starts
 * the day after filing (Asia/Bangkok), skips weekends and `holidays` (`YYYY-MM-DD`), and ends
 * at office close on the last counted day.
 */
export function addWorkingDays(filedAt: Date, workingDays: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError('workingDays must be a whole number ≥ 0');
  let day = bangkokDate(filedAt);
  let counted = 0;
  while (counted < workingDays) {
    day = nextDay(day);
    if (isWorkingDay(day, holidays)) counted++;
  }
  return bangkokInstant(day, OFFICE_CLOSE.hour, OFFICE_CLOSE.minute);
}

/** Working days after `from`'s Bangkok date up to and including `to`'s (0 when the same day). */
export function workingDaysBetween(from: Date, to: Date, holidays: ReadonlySet<string>): number {
  const last = bangkokDate(to);
  let day = bangkokDate(from);
  let n = 0;
  while (day < last) {
    day = nextDay(day);
    if (isWorkingDay(day, holidays)) n++;
  }
  return n;
}
