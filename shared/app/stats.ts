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

/** Splits a counter item into the province-wide counters and each service's. */
function split(counters: Record<string, number>) {
  const all: Record<string, number> = {};
  const services = new Map<string, Record<string, number>>();
  for (const [k, v] of Object.entries(counters)) {
    if (k.startsWith('all_')) all[k.slice(4)] = v;
    const m = /^svc_([a-z0-9-]+)_(.+)$/.exec(k);
    if (m?.[1] && m[2]) {
      const s = services.get(m[1]) ?? {};
      s[m[2]] = v;
      services.set(m[1], s);
    }
  }
  return { all, services };
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
  const parts = provinces.map((p) => split(raw.get(p) ?? {}));
  const intake: Record<string, number> = {};
  for (const p of provinces) {
    for (const s of INTAKE_STATUSES) intake[s] = (intake[s] ?? 0) + (await countInStatus(p, s));
  }
  const all = sumCounters(parts.map((p) => p.all));
  const serviceCodes = new Set(parts.flatMap((p) => [...p.services.keys()]));
  const byService: Record<string, StatsView> = {};
  for (const code of [...serviceCodes].sort()) {
    byService[code] = statsView(sumCounters(parts.map((p) => p.services.get(code) ?? {})), {});
  }
  return {
    provinceCode: provinceCode ?? null,
    provinces: provinces.length,
    ...statsView(all, intake),
    byService,
    generatedAt: new Date().toISOString(),
  };
}
