/** Government offices close at 16:30 Bangkok time; a deadline falls at the close of its day. */
export const OFFICE_CLOSE = { hour: 16, minute: 30 } as const;

const DAY_MS = 86_400_000;
const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const CLOSE_MS = (OFFICE_CLOSE.hour * 60 + OFFICE_CLOSE.minute) * 60_000;

// Day numbers (days since 1970-01-01 in Bangkok) keep the loop free of string and Date work.
const dayNumber = (instant: Date) => Math.floor((instant.getTime() + BANGKOK_OFFSET_MS) / DAY_MS);
const dayNumberOf = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const isWeekend = (d: number) => {
  const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
};

const holidayNumbers = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>();
function asDayNumbers(holidays: ReadonlySet<string>): ReadonlySet<number> {
  let numbers = holidayNumbers.get(holidays);
  if (!numbers) {
    numbers = new Set([...holidays].map(dayNumberOf));
    holidayNumbers.set(holidays, numbers);
  }
  return numbers;
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const d = dayNumberOf(day);
  return !isWeekend(d) && !holidays.has(day);
}

/**
 * The deadline for a service of `workingDays` working days filed at `filedAt`: counting starts
 * the day after filing (Asia/Bangkok), skips weekends and `holidays` (`YYYY-MM-DD`), and ends
 * at office close on the last counted day.
 */
export function addWorkingDays(filedAt: Date, workingDays: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError('workingDays must be a whole number ≥ 0');
  const off = asDayNumbers(holidays);
  let d = dayNumber(filedAt);
  for (let counted = 0; counted < workingDays; ) {
    d++;
    if (!isWeekend(d) && !off.has(d)) counted++;
  }
  return new Date(d * DAY_MS - BANGKOK_OFFSET_MS + CLOSE_MS);
}

/** Working days after `from`'s Bangkok date up to and including `to`'s (0 when the same day). */
export function workingDaysBetween(from: Date, to: Date, holidays: ReadonlySet<string>): number {
  const off = asDayNumbers(holidays);
  const last = dayNumber(to);
  let n = 0;
  for (let d = dayNumber(from) + 1; d <= last; d++) if (!isWeekend(d) && !off.has(d)) n++;
  return n;
}
