import { describe, expect, it } from 'vitest';
import { referenceData } from '../../shared/app/reference.ts';
import { allAgencies } from '../../shared/data/agencies.ts';
import { allDistricts } from '../../shared/data/districts.ts';
import { localBodies, registryProblems } from '../../shared/data/local-bodies.ts';
import { provinceExtents } from '../../shared/data/province-extents.ts';
import { provinces } from '../../shared/data/provinces.ts';
import { subdistrictByCode, subdistrictsOf } from '../../shared/data/subdistricts.ts';
import { checkLocation, checkSubmission } from '../../shared/domain/submission.ts';
import { LocalBody } from '../../shared/schemas/catalogue.ts';
import { SubmitRequestBody } from '../../shared/schemas/submission.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';

describe('geography', () => {
  it('has every district in force, Bueng Kan, Wiang Kao and Chaturaphak Phiman included', () => {
    expect(allDistricts()).toHaveLength(927);
    expect(
      allDistricts()
        .filter((d) => d.provinceCode === '38')
        .map((d) => d.code),
    ).toEqual(['3801', '3802', '3803', '3804', '3805', '3806', '3807', '3808']);
    expect(allDistricts().find((d) => d.code === '4029')?.nameEn).toBe('Wiang Kao');
    expect(allDistricts().find((d) => d.code === '4504')?.nameEn).toBe('Chaturaphak Phiman');
    for (const d of allDistricts())
      expect(
        provinces.some((p) => p.code === d.provinceCode),
        d.code,
      ).toBe(true);
    // A district office for each, and Bangkok's names are not doubled ("สำนักงานเขตพระนคร").
    expect(allAgencies().find((a) => a.id === 'district-1001')?.nameTh).toBe('สำนักงานเขตพระนคร');
    expect(allAgencies().find((a) => a.id === 'district-1001')?.nameEn).toBe(
      'Phra Nakhon District Office (Bangkok)',
    );
  });

  it('has every subdistrict, each inside its district, with a postcode', () => {
    let count = 0;
    for (const d of allDistricts()) {
      const subs = subdistrictsOf(d.code);
      expect(subs?.length, d.code).toBeGreaterThan(0);
      for (const s of subs ?? []) {
        expect(s.code.startsWith(d.code)).toBe(true);
        expect(s.postcode).toMatch(/^\d{5}$/);
        count++;
      }
    }
    expect(count).toBe(7451);
    expect(subdistrictByCode('200101')).toMatchObject({ districtCode: '2001', postcode: '20000' });
    expect(subdistrictByCode('209999')).toBeUndefined();
  });

  it('knows the extent of every province but Bangkok, inside Thailand', () => {
    expect(Object.keys(provinceExtents)).toHaveLength(76);
    const [south, west, north, east] = provinceExtents['20'] ?? [];
    expect(south).toBeLessThan(north ?? 0);
    expect(west).toBeLessThan(east ?? 0);
  });
});

describe('locations', () => {
  const ref = { provinceExtent: (code: string) => provinceExtents[code] };
  it('refuses a point outside Thailand, or far from the province, at `location`', () => {
    expect(checkLocation({ lat: 51.5, lon: -0.12 }, '20', ref)).toEqual([
      { path: 'location', message: 'must lie inside Thailand (5.6–20.5° N, 97.3–105.7° E)' },
    ]);
    expect(checkLocation({ lat: 18.79, lon: 98.98 }, '20', ref)).toEqual([
      { path: 'location', message: 'is not in or near province 20' },
    ]);
    expect(checkLocation({ lat: 13.36, lon: 100.98 }, '20', ref)).toEqual([]); // Chon Buri town
    expect(checkLocation({ lat: 13.75, lon: 100.5 }, '10', ref)).toEqual([]); // Bangkok: no extent, Thailand only
  });
});

describe("Bueng Kan's districts", () => {
  it('file fine', () => {
    const body = SubmitRequestBody.parse({
      serviceCode: 'change-of-address',
      provinceCode: '38',
      districtCode: '3801',
      subdistrictCode: '380101',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
      details: { moveType: 'in', fromAddress: 'ก', toAddress: 'ข', persons: 1 },
    });
    expect(checkSubmission(body, referenceData).issues).toEqual([]);
  });
});

describe('subdistricts on a request', () => {
  const body = (extra: Record<string, unknown>) =>
    SubmitRequestBody.parse({
      serviceCode: 'house-number',
      provinceCode: '20',
      districtCode: '2001',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
      details: { buildingType: 'house' },
      ...extra,
    });
  it('must lie in the district', () => {
    expect(checkSubmission(body({ subdistrictCode: '200101' }), referenceData).issues).toEqual([]);
    expect(checkSubmission(body({ subdistrictCode: '200201' }), referenceData).issues).toEqual([
      { path: 'subdistrictCode', message: 'subdistrict 200201 is not in district 2001' },
    ]);
    expect(checkSubmission(body({ subdistrictCode: '209999' }), referenceData).issues).toEqual([
      { path: 'subdistrictCode', message: 'unknown subdistrict "209999"' },
    ]);
  });
});

describe('the local-body registry', () => {
  const body = (code: string, subdistricts: string[]): LocalBody => ({
    code,
    type: 'sao',
    nameTh: 'อบต.ทดสอบ',
    nameEn: 'Test SAO',
    provinceCode: '20',
    subdistricts,
    source: 'test',
    stackPart: 2,
  });
  const exists = (s: string) => subdistrictByCode(s) !== undefined;

  it('ships valid (and invents no body)', () => {
    expect(registryProblems(localBodies, exists)).toEqual([]);
    // The functions read the file without parsing it: every entry must be a valid LocalBody here.
    for (const entry of localBodies) expect(LocalBody.safeParse(entry).error).toBeUndefined();
  });

  it('refuses unknown subdistricts, subdistricts of another province, duplicates and overlaps', () => {
    expect(
      registryProblems(
        [
          body('2000001', ['200101', '209999', '100101']),
          body('2000001', ['200102']),
          body('2000002', ['200101']),
        ],
        exists,
      ),
    ).toEqual([
      '2000001: unknown subdistrict 209999',
      '2000001: subdistrict 100101 is not in province 20',
      '2000001: registered twice',
      'subdistrict 200101 is served by both 2000001 and 2000002',
    ]);
  });
});

describe('oss agency add-local', () => {
  it('writes a valid entry, choosing a stack part with room, and refuses an overlapping one', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { addLocalBody } = await import('../../infra/local/add-local.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'oss-lao-'));
    const file = path.join(dir, 'local-bodies.json');
    writeFileSync(file, '[]\n');
    try {
      const entry = addLocalBody(
        {
          code: '2000101',
          type: 'municipality-subdistrict',
          nameTh: 'เทศบาลตำบลทดสอบ',
          nameEn: 'Test Subdistrict Municipality',
          subdistricts: '200101, 200102',
          source: 'test fixture',
        },
        file,
      );
      expect(entry).toMatchObject({ provinceCode: '20', stackPart: 1, subdistricts: ['200101', '200102'] });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
      expect(() =>
        addLocalBody(
          {
            code: '2000102',
            type: 'sao',
            nameTh: 'อบต.',
            nameEn: 'SAO',
            subdistricts: '200102',
            source: 'x',
          },
          file,
        ),
      ).toThrow('subdistrict 200102 is served by both 2000101 and 2000102');
      expect(() => addLocalBody({ code: '12', type: 'sao', subdistricts: '200103' }, file)).toThrow(/code/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
