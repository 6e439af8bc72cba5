import { services } from '../data/catalogue.ts';
import { districts } from '../data/districts.ts';
import { holidays } from '../data/holidays.ts';
import { provinces } from '../data/provinces.ts';
import type { ReferenceData } from '../domain/submission.ts';

const serviceMap = new Map(services.map((s) => [s.code, s]));
const provinceMap = new Map(provinces.map((p) => [p.code, p]));
const districtMap = new Map(districts.map((d) => [d.code, d]));

/** The reference data bundled with every function, indexed once per execution environment. */
export const referenceData: ReferenceData = {
  serviceByCode: (code) => serviceMap.get(code),
  provinceByCode: (code) => provinceMap.get(code),
  districtByCode: (code) => districtMap.get(code),
};

export const holidaySet: ReadonlySet<string> = new Set(holidays.map((h) => h.date));
