import { readFileSync } from 'node:fs';
import type { District } from '../schemas/catalogue.ts';
import { onFirstUse } from './first-use.ts';

/**
 * Districts (อำเภอ, and Bangkok's เขต) with their 4-digit DOPA codes, e.g. Mueang Chon Buri 2001:
 * 927 in force, Bueng Kan's eight, Wiang Kao and Chaturaphak Phiman included.
 *
 * Source: kongvut/thai-province-data (MIT licence), commit 9711e723dfe9c0c48630f05090ed70a1aa3c66f1,
 * `formats/csv/districts.csv` (dataset updated 2025-09-20), copied 2026-11-23. Dropped: two rows
 * that are municipalities listed as districts (7074 เทศบาลตำบลบ้านฆ้อง, 9077 เทศบาลตำบลสำนักขาม),
 * which have no subdistricts. Requests naming a district not listed here are refused.
 */
// Stored as [code, nameTh, nameEn] tuples (the province is the code's first two digits), in a
// file beside each function's bundle rather than inside it (ServiceFunction copies it): the Thai
// names would take 46 KB of every bundle's 400 KB budget. Reading it costs about a millisecond,
// so it is read on first use, not as a function loads.
export const allDistricts: () => readonly District[] = onFirstUse(() =>
  (
    JSON.parse(readFileSync(new URL('./districts.json', import.meta.url), 'utf8')) as Array<
      [string, string, string]
    >
  ).map(([code, nameTh, nameEn]) => ({ code, provinceCode: code.slice(0, 2), nameTh, nameEn })),
);
