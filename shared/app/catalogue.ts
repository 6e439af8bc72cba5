import { allDistricts } from '../data/districts.ts';
import { provinces } from '../data/provinces.ts';
import { allServices } from '../data/services.ts';
import { subdistrictsOf } from '../data/subdistricts.ts';
import { notFound } from '../domain/errors.ts';
import { serviceVersion } from '../domain/service-version.ts';
import type { Service } from '../schemas/catalogue.ts';
import { referenceData } from './reference.ts';

/** All 77 provinces, each saying whether this deployment serves it (accepts requests for it). */
export const listProvinces = () => ({
  items: provinces.map(({ code, nameTh, nameEn }) => ({
    code,
    nameTh,
    nameEn,
    served: referenceData.isServed ? referenceData.isServed(code) : true,
  })),
});

/** Each service with its catalogue version (what a request filed now records). */
export const listServices = () => ({
  items: allServices().map((s) => ({ ...s, version: serviceVersion(s) })),
});

export function serviceDetail(code: string): Service & { version: string } {
  const service = referenceData.serviceByCode(code);
  if (!service) throw notFound(`No service with code "${code}".`);
  return { ...service, version: serviceVersion(service) };
}

/** A province's districts (อำเภอ / เขต), by code. */
export function listDistricts(provinceCode: string) {
  if (!referenceData.provinceByCode(provinceCode)) throw notFound(`No province with code "${provinceCode}".`);
  return {
    items: allDistricts()
      .filter((d) => d.provinceCode === provinceCode)
      .map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
  };
}

/** A district's subdistricts (ตำบล / แขวง) with their postcodes. */
export function listSubdistricts(districtCode: string) {
  const items = referenceData.districtByCode(districtCode) ? subdistrictsOf(districtCode) : undefined;
  if (!items) throw notFound(`No district with code "${districtCode}".`);
  return { items: items.map(({ code, nameTh, nameEn, postcode }) => ({ code, nameTh, nameEn, postcode })) };
}
