import { countInStatus, getCounters } from '../adapters/stats-table.ts';
import { notFound, validationFailed } from '../domain/errors.ts';
import { INTAKE_STATUSES, type StatsView, statsView, sumCounters } from '../domain/stats.ts';
import { referenceData } from './reference.ts';

export interface PublicStats extends StatsView {
  readonly provinceCode: string | null;
  readonly provinces: number;
  readonly byService: Record<string, StatsView>;
  readonly generatedAt: string;
}

/**
 * Transparency statistics for one province, or the national summary when no province is given:
 * counters kept up to date as requests move, plus index counts of the intake statuses.
 */
export async function publicStats(
  provinceCode: string | undefined,
  served: readonly string[],
): Promise<PublicStats> {
  if (provinceCode !== undefined) {
    if (!referenceData.provinceByCode(provinceCode)) {
      throw validationFailed([{ path: 'provinceCode', message: `unknown province "${provinceCode}"` }]);
    }
    if (!served.includes(provinceCode)) throw notFound(`Province ${provinceCode} is not yet served by OSS.`);
  }
  const provinces = provinceCode ? [provinceCode] : [...served];
  const raw = await getCounters(provinces);
  // Per service: counters summed over provinces, plus the intake statuses counted from the index.
  const perService = new Map<
    string,
    { counters: Record<string, number>[]; intake: Record<string, number> }
  >();
  const entry = (code: string) => {
    let e = perService.get(code);
    if (!e) {
      e = { counters: [], intake: {} };
      perService.set(code, e);
    }
    return e;
  };
  for (const p of provinces) {
    for (const [code, counters] of raw.get(p) ?? []) entry(code).counters.push(counters);
    for (const s of INTAKE_STATUSES) {
      for (const [code, n] of await countInStatus(p, s)) {
        const e = entry(code);
        e.intake[s] = (e.intake[s] ?? 0) + n;
      }
    }
  }
  const byService: Record<string, StatsView> = {};
  const intake: Record<string, number> = {};
  const allCounters: Record<string, number>[] = [];
  for (const code of [...perService.keys()].sort()) {
    const e = entry(code);
    const counters = sumCounters(e.counters);
    byService[code] = statsView(counters, e.intake);
    allCounters.push(counters);
    for (const [s, n] of Object.entries(e.intake)) intake[s] = (intake[s] ?? 0) + n;
  }
  const all = sumCounters(allCounters);
  return {
    provinceCode: provinceCode ?? null,
    provinces: provinces.length,
    ...statsView(all, intake),
    byService,
    generatedAt: new Date().toISOString(),
  };
}
