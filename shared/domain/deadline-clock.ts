import type { RequestItem } from '../schemas/request.ts';
import { toBangkokIso } from './time.ts';
import { addWorkingDays, workingDaysBetween } from './working-days.ts';

/**
 * The deadline clock stops while the agency waits on the citizen (NEEDS_INFO): `request-info`
 * records when it stopped; `resume` moves the deadline later by the working days that passed.
 */
export function pauseClock(now: Date): Pick<RequestItem, 'clockPausedAt'> {
  return { clockPausedAt: toBangkokIso(now) };
}

export function resumeClock(
  item: RequestItem,
  now: Date,
  holidays: ReadonlySet<string>,
): Pick<RequestItem, 'dueAt'> {
  if (!item.clockPausedAt) return { dueAt: item.dueAt };
  const paused = workingDaysBetween(new Date(item.clockPausedAt), now, holidays);
  return {
    dueAt: paused === 0 ? item.dueAt : toBangkokIso(addWorkingDays(new Date(item.dueAt), paused, holidays)),
  };
}
