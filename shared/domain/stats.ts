import type { RequestItem, RequestStatus } from '../schemas/request.ts';

/**
 * Counters kept per province, for the whole province (`all`) and per service, updated with
 * atomic ADDs as requests move, so statistics never need a scan. Counters exist for the
 * statuses a request reaches through a queue consumer or an agency (not for the two intake
 * statuses, which intake must not spend a second write on; those are counted at read time
 * from the byProvinceStatus index).
 */
export const COUNTED_STATUSES = [
  'ROUTED',
  'IN_PROGRESS',
  'NEEDS_INFO',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
] as const;
/** Counted at read time from the index: a filing (or an agency's bill) may land in them without a counter write. */
export const INTAKE_STATUSES = ['AWAITING_DOCUMENTS', 'AWAITING_PAYMENT', 'SUBMITTED'] as const;

/** Upper bounds (hours) of the completion-time histogram. */
export const HOUR_BUCKETS = [
  1,
  4,
  8,
  24,
  48,
  72,
  120,
  168,
  240,
  360,
  720,
  1440,
  Number.POSITIVE_INFINITY,
] as const;

export type CounterName = string;
export type Deltas = Record<CounterName, number>;

const isCounted = (s: RequestStatus): boolean => (COUNTED_STATUSES as readonly string[]).includes(s);
const bucketName = (hours: number) => {
  const upper = HOUR_BUCKETS.find((b) => hours <= b) ?? Number.POSITIVE_INFINITY;
  return `hours_le_${Number.isFinite(upper) ? upper : 'inf'}`;
};

/** The counter changes one write causes: status moves, completions (on time or not), ratings, overdue. */
export function statsDeltas(prev: RequestItem, next: RequestItem): Deltas {
  const d: Deltas = {};
  const add = (name: string, n: number) => {
    d[name] = (d[name] ?? 0) + n;
  };
  if (prev.status !== next.status) {
    if (isCounted(prev.status)) add(`status_${prev.status}`, -1);
    if (isCounted(next.status)) add(`status_${next.status}`, 1);
    if (next.status === 'COMPLETED' || next.status === 'REJECTED') {
      const finishedAt = Date.parse(next.updatedAt);
      add('finished', 1);
      if (finishedAt <= Date.parse(next.dueAt)) add('finishedOnTime', 1);
      const hours = (finishedAt - Date.parse(next.createdAt)) / 3_600_000;
      if (next.status === 'COMPLETED') add(bucketName(hours), 1);
      if (next.overdue) add('overdueOpen', -1);
    }
    if (next.status === 'CANCELLED' && next.overdue) add('overdueOpen', -1);
  }
  if (!prev.overdue && next.overdue) add('overdueOpen', 1);
  if (!prev.rating && next.rating) {
    add('ratingCount', 1);
    add('ratingSum', next.rating.score);
  }
  for (const [name, n] of Object.entries(billDeltas(prev.bills, next.bills))) add(name, n);
  return d;
}

/**
 * Money billed and collected (satang), for the transparency statistics: a new bill counts as
 * billed (a reissue of an expired one does not: it is the same charge), a bill newly paid as
 * collected.
 */
export function billDeltas(prev: RequestItem['bills'], next: RequestItem['bills']): Deltas {
  const d: Deltas = {};
  const before = new Map((prev ?? []).map((b) => [b.billId, b]));
  for (const b of next ?? []) {
    const p = before.get(b.billId);
    if (!p && !b.reissueOf) {
      d.billsIssued = (d.billsIssued ?? 0) + 1;
      d.billedSatang = (d.billedSatang ?? 0) + b.amountSatang;
    }
    if (b.status === 'PAID' && p?.status !== 'PAID' && b.payment) {
      d.billsPaid = (d.billsPaid ?? 0) + 1;
      d.collectedSatang = (d.collectedSatang ?? 0) + b.payment.amountSatang;
    }
  }
  return d;
}

export interface CounterChange {
  readonly provinceCode: string;
  readonly serviceCode: string;
  readonly deltas: Deltas;
}

/**
 * The counter changes of one write, per province: a request forwarded to another province
 * leaves the first province's counters and joins the other's.
 */
export function statsChanges(prev: RequestItem, next: RequestItem): CounterChange[] {
  if (prev.provinceCode === next.provinceCode) {
    return [
      { provinceCode: next.provinceCode, serviceCode: next.serviceCode, deltas: statsDeltas(prev, next) },
    ];
  }
  const leaving: Deltas = {};
  const arriving: Deltas = {};
  if (isCounted(prev.status)) leaving[`status_${prev.status}`] = -1;
  if (prev.overdue) leaving.overdueOpen = -1;
  if (isCounted(next.status)) arriving[`status_${next.status}`] = 1;
  if (next.overdue) arriving.overdueOpen = 1;
  // Money stays where it was billed; what this write adds counts where the request now is.
  for (const [name, n] of Object.entries(billDeltas(prev.bills, next.bills))) arriving[name] = n;
  return [
    { provinceCode: prev.provinceCode, serviceCode: prev.serviceCode, deltas: leaving },
    { provinceCode: next.provinceCode, serviceCode: next.serviceCode, deltas: arriving },
  ];
}

/** Median hours to completion from the histogram: the upper bound of the bucket holding the median. */
export function medianFromHistogram(counters: Readonly<Record<string, number>>): number | null {
  const counts = HOUR_BUCKETS.map((b) => counters[`hours_le_${Number.isFinite(b) ? b : 'inf'}`] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= total / 2) {
      const b = HOUR_BUCKETS[i] ?? Number.POSITIVE_INFINITY;
      return Number.isFinite(b) ? b : (HOUR_BUCKETS.at(-2) as number);
    }
  }
  return null;
}

export interface StatsView {
  readonly byStatus: Record<string, number>;
  /** Fees billed and collected, in baht (bills reissued after expiry count once). */
  readonly payments: {
    readonly billsIssued: number;
    readonly billsPaid: number;
    readonly billedThb: number;
    readonly collectedThb: number;
  };
  readonly completedWithinSlaPercent: number | null;
  readonly medianHoursToComplete: number | null;
  readonly averageRating: number | null;
  readonly overdue: number;
}

/** Turns raw counters (plus the intake-status counts) into the public statistics. */
export function statsView(
  counters: Readonly<Record<string, number>>,
  intakeCounts: Readonly<Record<string, number>>,
): StatsView {
  const byStatus: Record<string, number> = {};
  for (const s of INTAKE_STATUSES) byStatus[s] = intakeCounts[s] ?? 0;
  for (const s of COUNTED_STATUSES) byStatus[s] = Math.max(0, counters[`status_${s}`] ?? 0);
  const finished = counters.finished ?? 0;
  const ratings = counters.ratingCount ?? 0;
  return {
    byStatus,
    payments: {
      billsIssued: counters.billsIssued ?? 0,
      billsPaid: counters.billsPaid ?? 0,
      billedThb: (counters.billedSatang ?? 0) / 100,
      collectedThb: (counters.collectedSatang ?? 0) / 100,
    },
    completedWithinSlaPercent:
      finished > 0 ? Math.round((1000 * (counters.finishedOnTime ?? 0)) / finished) / 10 : null,
    medianHoursToComplete: medianFromHistogram(counters),
    averageRating: ratings > 0 ? Math.round((100 * (counters.ratingSum ?? 0)) / ratings) / 100 : null,
    overdue: Math.max(0, counters.overdueOpen ?? 0),
  };
}

/** Adds counters of several provinces together (the national summary). */
export function sumCounters(all: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The counter changes of one record change as the table's stream reports it: a new request counts
 * its bill (a filing lands in an intake status, counted at read time); a change counts as
 * statsChanges says; a deleted item (never a request's lifecycle) counts nothing.
 */
export function changesOfRecord(
  prev: RequestItem | undefined,
  next: RequestItem | undefined,
): CounterChange[] {
  if (!next) return [];
  if (!prev) {
    return [
      {
        provinceCode: next.provinceCode,
        serviceCode: next.serviceCode,
        deltas: billDeltas(undefined, next.bills),
      },
    ];
  }
  return statsChanges(prev, next);
}

/**
 * Sums counter changes per province and service, dropping the ones that cancel out: a batch of
 * stream records becomes one counter update per province and service it touched, however many
 * requests moved there.
 */
export function sumChanges(changes: readonly CounterChange[]): CounterChange[] {
  const byKey = new Map<string, { provinceCode: string; serviceCode: string; deltas: Deltas }>();
  for (const c of changes) {
    const key = `${c.provinceCode}\u0000${c.serviceCode}`;
    let sum = byKey.get(key);
    if (!sum) {
      sum = { provinceCode: c.provinceCode, serviceCode: c.serviceCode, deltas: {} };
      byKey.set(key, sum);
    }
    for (const [name, n] of Object.entries(c.deltas)) sum.deltas[name] = (sum.deltas[name] ?? 0) + n;
  }
  const out: CounterChange[] = [];
  for (const sum of byKey.values()) {
    const deltas = Object.fromEntries(Object.entries(sum.deltas).filter(([, n]) => n !== 0));
    if (Object.keys(deltas).length > 0) out.push({ ...sum, deltas });
  }
  return out;
}
