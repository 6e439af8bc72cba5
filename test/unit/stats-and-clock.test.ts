import { describe, expect, it } from 'vitest';
import { holidaySet } from '../../shared/app/reference.ts';
import { resumeClock } from '../../shared/domain/deadline-clock.ts';
import { medianFromHistogram, statsDeltas, statsView, sumCounters } from '../../shared/domain/stats.ts';
import { toBangkokIso } from '../../shared/domain/time.ts';
import { addWorkingDays, workingDaysBetween } from '../../shared/domain/working-days.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';

const base = {
  status: 'IN_PROGRESS',
  createdAt: '2026-11-23T10:00:00.000+07:00',
  updatedAt: '2026-11-23T10:00:00.000+07:00',
  dueAt: '2026-11-30T16:30:00.000+07:00',
} as RequestItem;

describe('statistics counters', () => {
  it('moves a request between status counters', () => {
    expect(statsDeltas({ ...base, status: 'ROUTED' }, base)).toEqual({
      status_ROUTED: -1,
      status_IN_PROGRESS: 1,
    });
    // Intake statuses are not counted (intake spends no second write on counters).
    expect(statsDeltas({ ...base, status: 'SUBMITTED' }, { ...base, status: 'ROUTED' })).toEqual({
      status_ROUTED: 1,
    });
  });

  it('counts a completion on time, its duration bucket, and an overdue one leaving the overdue count', () => {
    const done = { ...base, status: 'COMPLETED', updatedAt: '2026-11-24T12:00:00.000+07:00' } as RequestItem;
    expect(statsDeltas(base, done)).toEqual({
      status_IN_PROGRESS: -1,
      status_COMPLETED: 1,
      finished: 1,
      finishedOnTime: 1,
      hours_le_48: 1,
    });
    const late = { ...done, updatedAt: '2026-12-02T09:00:00.000+07:00', overdue: true } as RequestItem;
    const d = statsDeltas({ ...base, overdue: true }, late);
    expect(d.finishedOnTime).toBeUndefined();
    expect(d.overdueOpen).toBe(-1);
  });

  it('counts escalations and ratings once', () => {
    expect(statsDeltas(base, { ...base, overdue: true })).toEqual({ overdueOpen: 1 });
    const rated = { ...base, rating: { score: 4, at: base.updatedAt } } as RequestItem;
    expect(statsDeltas(base, rated)).toEqual({ ratingCount: 1, ratingSum: 4 });
    expect(statsDeltas(rated, rated)).toEqual({});
  });

  it('reads the median from the histogram and builds the public view', () => {
    expect(medianFromHistogram({})).toBeNull();
    expect(medianFromHistogram({ hours_le_1: 1, hours_le_24: 1, hours_le_720: 3 })).toBe(720);
    expect(medianFromHistogram({ hours_le_4: 3, hours_le_720: 1 })).toBe(4);
    const view = statsView(
      {
        status_COMPLETED: 2,
        status_REJECTED: 1,
        finished: 3,
        finishedOnTime: 2,
        ratingCount: 2,
        ratingSum: 9,
        overdueOpen: 1,
        hours_le_8: 2,
      },
      { SUBMITTED: 4 },
    );
    expect(view).toMatchObject({
      completedWithinSlaPercent: 66.7,
      averageRating: 4.5,
      overdue: 1,
      medianHoursToComplete: 8,
    });
    expect(view.byStatus).toMatchObject({ SUBMITTED: 4, AWAITING_DOCUMENTS: 0, COMPLETED: 2, ROUTED: 0 });
    expect(sumCounters([{ a: 1 }, { a: 2, b: 1 }])).toEqual({ a: 3, b: 1 });
  });
});

describe('the deadline clock and Thai holidays', () => {
  it('skips the real holidays of the data file', () => {
    // Wednesday 9 Dec 2026 + 1 working day: Thursday 10 Dec is Constitution Day → Friday 11 Dec.
    expect(toBangkokIso(addWorkingDays(new Date('2026-12-09T03:00:00Z'), 1, holidaySet()))).toBe(
      '2026-12-11T16:30:00.000+07:00',
    );
    // Year end: Wed 30 Dec 2026 + 1: 31 Dec and 1 Jan are holidays, then the weekend → Monday 4 Jan 2027.
    expect(toBangkokIso(addWorkingDays(new Date('2026-12-30T03:00:00Z'), 1, holidaySet()))).toBe(
      '2027-01-04T16:30:00.000+07:00',
    );
    expect(holidaySet().has('2027-04-13')).toBe(true);
  });

  it('counts working days between two instants', () => {
    const none = new Set<string>();
    expect(workingDaysBetween(new Date('2026-11-23T03:00:00Z'), new Date('2026-11-23T09:00:00Z'), none)).toBe(
      0,
    );
    expect(workingDaysBetween(new Date('2026-11-27T03:00:00Z'), new Date('2026-11-30T03:00:00Z'), none)).toBe(
      1,
    ); // Fri → Mon
  });

  it('moves the deadline by the working days spent waiting on the citizen', () => {
    const paused = { ...base, clockPausedAt: '2026-11-24T10:00:00.000+07:00' } as RequestItem; // Tuesday
    // Resumed Thursday: Wed and Thu passed (2 working days) → due Monday 30 Nov + 2 = Wednesday 2 Dec.
    expect(resumeClock(paused, new Date('2026-11-26T03:00:00Z'), new Set())).toEqual({
      dueAt: '2026-12-02T16:30:00.000+07:00',
    });
    expect(resumeClock(paused, new Date('2026-11-24T08:00:00Z'), new Set())).toEqual({ dueAt: base.dueAt });
    expect(resumeClock(base, new Date(), new Set())).toEqual({ dueAt: base.dueAt });
  });
});
