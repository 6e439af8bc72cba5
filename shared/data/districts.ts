import type { District } from '../schemas/catalogue.ts';
import data from './districts.json' with { type: 'json' };

/**
 * Districts (อำเภอ, and Bangkok's เขต) with their 4-digit DOPA codes, e.g. Mueang Chon Buri 2001.
 *
 * Source: same join as provinces.ts (`thai-address-database` 0.0.30 geodb.json for Thai names
 * and codes, `thai-address-universal` 2.2.0 for English names), extracted 2026-11-22.
 * 917 of Thailand's 928 districts: the dataset has no district codes for Bueng Kan's eight
 * districts, Wiang Kao (Khon Kaen), Chaturaphak Phiman (Roi Et) and one more (see README.md).
 * Requests naming a district not listed here are refused as an unknown district.
 */
// Stored as [code, nameTh, nameEn] tuples (the province is the code's first two digits) to keep
// every function bundle that validates districts small.
export const districts: readonly District[] = (data as Array<[string, string, string]>).map(
  ([code, nameTh, nameEn]) => ({
    code,
    provinceCode: code.slice(0, 2),
    nameTh,
    nameEn,
  }),
);
