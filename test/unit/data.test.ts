import { describe, expect, it } from 'vitest';
import { allAgencies } from '../../shared/data/agencies.ts';
import { services } from '../../shared/data/catalogue.ts';
import { allDistricts } from '../../shared/data/districts.ts';
import { provinces } from '../../shared/data/provinces.ts';
import { Agency, District, Province, Service } from '../../shared/schemas/catalogue.ts';

const PILOTS = ['20', '93', '54', '47', '72'];

describe('reference data', () => {
  it('has the 77 provinces with unique Ministry of Interior codes', () => {
    expect(provinces).toHaveLength(77);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(77);
    for (const p of provinces) expect(Province.safeParse(p).success, p.code).toBe(true);
    expect(provinces.find((p) => p.code === '20')).toEqual({
      code: '20',
      nameTh: 'ชลบุรี',
      nameEn: 'Chon Buri',
    });
    expect(provinces.find((p) => p.code === '10')?.nameEn).toBe('Bangkok');
    expect(provinces.find((p) => p.code === '38')?.nameEn).toBe('Bueng Kan');
    expect(provinces.find((p) => p.code === '72')?.nameEn).toBe('Suphan Buri');
  });

  it('has districts with 4-digit codes inside their provinces, for every pilot province', () => {
    const codes = new Set(provinces.map((p) => p.code));
    expect(new Set(allDistricts().map((d) => d.code)).size).toBe(allDistricts().length);
    for (const d of allDistricts()) {
      expect(District.safeParse(d).success, d.code).toBe(true);
      expect(codes.has(d.provinceCode), d.code).toBe(true);
      expect(d.code.startsWith(d.provinceCode), d.code).toBe(true);
    }
    for (const p of PILOTS)
      expect(allDistricts().filter((d) => d.provinceCode === p).length, p).toBeGreaterThan(5);
    expect(allDistricts().find((d) => d.code === '2001')?.nameEn).toBe('Mueang Chon Buri');
    expect(allDistricts().filter((d) => d.provinceCode === '10')).toHaveLength(50);
  });

  it('registers a Damrongdhama centre in every province, a PAO outside Bangkok and every district office', () => {
    expect(new Set(allAgencies().map((a) => a.id)).size).toBe(allAgencies().length);
    for (const a of allAgencies()) {
      expect(Agency.safeParse(a).success, a.id).toBe(true);
      expect(a.id).toMatch(/^(damrongdhama-\d{2}|pao-\d{2}|district-\d{4}|\d{7,8})$/);
    }
    expect(allAgencies().filter((a) => a.type === 'damrongdhama')).toHaveLength(77);
    expect(allAgencies().filter((a) => a.type === 'pao')).toHaveLength(76);
    expect(allAgencies().some((a) => a.id === 'pao-10')).toBe(false);
    expect(allAgencies().filter((a) => a.type === 'district')).toHaveLength(allDistricts().length);
  });

  it('has a valid catalogue with the services DESIGN.md names', () => {
    for (const s of services) expect(Service.safeParse(s).success, s.code).toBe(true);
    const codes = services.map((s) => s.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'complaint',
        'hotel-fee-pao',
        'house-number',
        'change-of-address',
        'elderly-allowance',
        'land-building-tax',
        'advertising-leaflet-permit',
        'building-permit',
      ]),
    );
    const byCode = new Map(services.map((s) => [s.code, s]));
    expect(byCode.get('complaint')).toMatchObject({
      agencyType: 'damrongdhama',
      requiresDistrict: false,
    });
    // A complaint never waits for documents: its photos are optional.
    expect(byCode.get('complaint')?.requiredDocuments.every((d) => d.optional)).toBe(true);
    expect(byCode.get('hotel-fee-pao')?.agencyType).toBe('pao');
    expect(byCode.get('house-number')?.requiresDistrict).toBe(true);
    expect(byCode.get('house-number')?.requiredDocuments.length).toBeGreaterThan(0);
    for (const s of services) {
      expect(s.source.length, s.code).toBeGreaterThan(20);
      for (const f of s.fields) {
        const isList = f.datatype === 'singlevaluelist' || f.datatype === 'multivaluelist';
        expect(f.values.length > 0, `${s.code}.${f.code}`).toBe(isList);
      }
    }
  });
});

describe('the service catalogue', () => {
  it('lists at least 30 services, each valid, with a fee model and the source of its rules', async () => {
    const { services } = await import('../../shared/data/catalogue.ts');
    const { Service } = await import('../../shared/schemas/catalogue.ts');
    expect(services.length).toBeGreaterThanOrEqual(30);
    expect(new Set(services.map((s) => s.code)).size).toBe(services.length);
    for (const s of services) {
      expect(Service.safeParse(s).success, s.code).toBe(true);
      expect(s.source.length, s.code).toBeGreaterThan(10);
      expect(s.fee.source.length, s.code).toBeGreaterThan(5);
      if (s.fee.model === 'fixed') expect(s.feeThb, s.code).toBe(s.fee.amountThb);
      else expect(s.feeThb, s.code).toBe(0);
      if (s.fee.model === 'formula') expect(s.fee.formula, s.code).toBeDefined();
    }
  });
});

describe('the catalogue file the functions read', () => {
  it('is exactly the catalogue as authored, each service with the hash of its definition as its version (run npm run catalogue after changing it)', async () => {
    const { services: authored } = await import('../../shared/data/catalogue.ts');
    const { allServices } = await import('../../shared/data/services.ts');
    const { serviceVersion } = await import('../../shared/domain/service-version.ts');
    const versioned = authored.map((s) => ({ ...s, version: serviceVersion(s) }));
    expect(new Set(versioned.map((s) => s.version)).size).toBe(authored.length);
    expect(allServices()).toEqual(JSON.parse(JSON.stringify(versioned)));
    // The stored version is the one the service's own definition hashes to, not a copy of it.
    const complaint = allServices().find((s) => s.code === 'complaint');
    expect(complaint && serviceVersion({ ...complaint, version: undefined })).toBe(
      complaint && serviceVersion(complaint),
    );
  });

  it('serves the OpenAPI document exactly as the schemas make it (run npm run catalogue after changing them)', async () => {
    const { openApiDocument } = await import('../../shared/openapi.ts');
    const { publishedOpenApiDocument } = await import('../../shared/data/openapi-document.ts');
    expect(publishedOpenApiDocument()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
