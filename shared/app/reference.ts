import './agency-names.ts';
import { allAgencies } from '../data/agencies.ts';
import { allDistricts } from '../data/districts.ts';
import { onFirstUse } from '../data/first-use.ts';
import { allHolidays } from '../data/holidays.ts';
import { provinceExtents } from '../data/province-extents.ts';
import { provinces } from '../data/provinces.ts';
import { allServices } from '../data/services.ts';
import { subdistrictByCode } from '../data/subdistricts.ts';
import type { AgencyRegistry } from '../domain/routing.ts';
import type { ReferenceData } from '../domain/submission.ts';
import { ENV } from '../env.ts';
import type { Agency } from '../schemas/catalogue.ts';

// Indexed on first use, not as a function loads: most invocations of most functions look up a
// service or an agency, but building every map at load cost each cold start a millisecond or more.
const serviceMap = onFirstUse(() => new Map(allServices().map((s) => [s.code, s])));
const districtMap = onFirstUse(() => new Map(allDistricts().map((d) => [d.code, d])));
const provinceMap = new Map(provinces.map((p) => [p.code, p]));

/** The reference data bundled with every function, indexed once per execution environment. */
const served = process.env[ENV.servedProvinces]?.split(',').filter(Boolean);
const servedSet = served && served.length > 0 ? new Set(served) : undefined;

export const referenceData: ReferenceData = {
  ...(servedSet && { isServed: (code: string) => servedSet.has(code) }),
  serviceByCode: (code) => serviceMap().get(code),
  provinceByCode: (code) => provinceMap.get(code),
  districtByCode: (code) => districtMap().get(code),
  subdistrictByCode,
  provinceExtent: (code) => provinceExtents[code],
};

/** The dates (`YYYY-MM-DD`) that are not working days although they fall on a weekday. */
export const holidaySet: () => ReadonlySet<string> = onFirstUse(
  () => new Set(allHolidays().map((h) => h.date)),
);

const agencyMap = onFirstUse(() => new Map(allAgencies().map((a) => [a.id, a])));
const localBySubdistrict = onFirstUse(() => {
  const map = new Map<string, Agency>();
  for (const a of allAgencies()) if (a.type === 'local') for (const s of a.subdistricts ?? []) map.set(s, a);
  return map;
});

export const agencyRegistry: AgencyRegistry = {
  agencyById: (id) => agencyMap().get(id),
  localBodyOfSubdistrict: (code) => localBySubdistrict().get(code),
};
