import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Count the data files read: the reference data must cost a function's cold start nothing.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

const dataFilesRead = () =>
  vi
    .mocked(fs.readFileSync)
    .mock.calls.map(([file]) => String(file))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.split('/').pop());

describe('reference data', () => {
  it('is read on first use, once, not as a function loads', async () => {
    const { agencyRegistry, holidaySet, referenceData } = await import('../../shared/app/reference.ts');
    expect(dataFilesRead()).toEqual([]);

    expect(referenceData.serviceByCode('complaint')?.code).toBe('complaint');
    expect(dataFilesRead()).toEqual(['services.json']);
    expect(referenceData.districtByCode('2001')?.nameEn).toBe('Mueang Chon Buri');
    expect(agencyRegistry.agencyById('district-2001')?.nameTh).toBe('ที่ว่าการอำเภอเมืองชลบุรี');
    expect(referenceData.serviceByCode('no-such-service')).toBeUndefined();
    expect(holidaySet().has('2027-04-13')).toBe(true);
    // Each file once, however often it is looked at.
    expect(dataFilesRead()).toEqual(['services.json', 'districts.json']);
  });
});
