import './agency-names.ts';
import { agencies } from '../data/agencies.ts';
import { districts } from '../data/districts.ts';
import { holidays } from '../data/holidays.ts';
import { provinceExtents } from '../data/province-extents.ts';
import { provinces } from '../data/provinces.ts';
import { services } from '../data/services.ts';
import { subdistrictByCode } from '../data/subdistricts.ts';
import type { AgencyRegistry } from '../domain/routing.ts';
import type { ReferenceData } from '../domain/submission.ts';
import { ENV } from '../env.ts';
import type { Agency } from '../schemas/catalogue.ts';

const serviceMap = new Map(services.map((s) => [s.code, s]));
const provinceMap = new Map(provinces.map((p) => [p.code, p]));
const districtMap = new Map(districts.map((d) => [d.code, d]));

/** The reference data bundled with every function, indexed once per execution environment. */
const served = process.env[ENV.servedProvinces]?.split(',').filter(Boolean);
const servedSet = served && served.length > 0 ? new Set(served) : undefined;

export const referenceData: ReferenceData = {
  ...(servedSet && { isServed: (code: string) => servedSet.has(code) }),
  serviceByCode: (code) => serviceMap.get(code),
  provinceByCode: (code) => provinceMap.get(code),
  districtByCode: (code) => districtMap.get(code),
  subdistrictByCode,
  provinceExtent: (code) => provinceExtents[code],
};

export const holidaySet: ReadonlySet<string> = new Set(holidays.map((h) => h.date));

const agencyMap = new Map(agencies.map((a) => [a.id, a]));
const localBySubdistrict = new Map<string, Agency>();
for (const a of agencies) {
  if (a.type === 'local') for (const s of a.subdistricts ?? []) localBySubdistrict.set(s, a);
}

export const agencyRegistry: AgencyRegistry = {
  agencyById: (id) => agencyMap.get(id),
  localBodyOfSubdistrict: (code) => localBySubdistrict.get(code),
};
