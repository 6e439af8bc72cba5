/** Asia/Bangkok is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO-8601 with the Bangkok offset, e.g. `2026-11-23T16:30:00.000+07:00`; sorts like time. */
export function toBangkokIso(date: Date): string {
  const shifted = new Date(date.getTime() + BANGKOK_OFFSET_MS);
  return `${shifted.toISOString().slice(0, -1)}+07:00`;
}

/** The calendar date in Bangkok, `YYYY-MM-DD`. */
export function bangkokDate(date: Date): string {
  return new Date(date.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at a Bangkok wall-clock time on a `YYYY-MM-DD` date. */
export function bangkokInstant(day: string, hour: number, minute: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - BANGKOK_OFFSET_MS);
}
