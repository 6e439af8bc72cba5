import { readFileSync } from 'node:fs';
import type { Subdistrict } from '../schemas/catalogue.ts';

/**
 * Every subdistrict (ตำบล / แขวง) in force: 7,451 with their 6-digit DOPA codes and postcodes.
 *
 * Source: kongvut/thai-province-data (MIT licence), commit 9711e723dfe9c0c48630f05090ed70a1aa3c66f1,
 * `formats/csv/sub_districts.csv` (dataset updated 2025-09-20), rows without `deleted_at`, copied
 * 2026-11-23 into `subdistricts.json` as `{ <district code>: [[<last two digits>, nameTh, nameEn,
 * postcode], …] }`.
 *
 * At about 400 KB the table is not bundled into any function: the functions that need it get the
 * JSON file beside their bundle (ServiceFunction `dataFiles`) and read it on first use, so their
 * cold start and bundle size do not pay for it.
 */
type Table = Record<string, Array<[string, string, string, string]>>;
let table: Table | undefined;

function load(): Table {
  table ??= JSON.parse(readFileSync(new URL('./subdistricts.json', import.meta.url), 'utf8')) as Table;
  return table;
}

/** The file name ServiceFunction copies next to a bundle that reads it. */
export const SUBDISTRICTS_FILE = 'shared/data/subdistricts.json';

/** A district's subdistricts, or undefined for a district with none (or an unknown code). */
export function subdistrictsOf(districtCode: string): Subdistrict[] | undefined {
  const rows = load()[districtCode];
  return rows?.map(([suffix, nameTh, nameEn, postcode]) => ({
    code: `${districtCode}${suffix}`,
    districtCode,
    nameTh,
    nameEn,
    postcode,
  }));
}

export function subdistrictByCode(code: string): Subdistrict | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  return subdistrictsOf(code.slice(0, 4))?.find((s) => s.code === code);
}
