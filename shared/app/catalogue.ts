import { services } from '../data/catalogue.ts';
import { provinces } from '../data/provinces.ts';
import { notFound } from '../domain/errors.ts';
import type { Service } from '../schemas/catalogue.ts';
import { referenceData } from './reference.ts';

export const listProvinces = () => ({
  items: provinces.map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
});

export const listServices = () => ({ items: services });

export function serviceDetail(code: string): Service {
  const service = referenceData.serviceByCode(code);
  if (!service) throw notFound(`No service with code "${code}".`);
  return service;
}
