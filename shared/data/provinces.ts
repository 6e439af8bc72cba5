import type { Province } from '../schemas/catalogue.ts';
import data from './provinces.json' with { type: 'json' };

/**
 * The 77 provinces with their Ministry of Interior (Department of Provincial Administration)
 * codes and Thai/English names.
 *
 * Source: the geographic database of the npm package `thai-address-database` 0.0.30
 * (database/backup/geodb.json: Thai names and DOPA codes) joined row by row with the English
 * names of `thai-address-universal` 2.2.0 (derived from it). Corrections, from ISO 3166-2:TH
 * (whose subdivision codes are the DOPA codes): Bueng Kan is 38 (the dataset says 97);
 * English "Nakhon Ratchasima", "Nakhon Sawan", "Suphan Buri" (the dataset runs the words together).
 * Extracted 2026-11-22; see shared/data/README.md.
 */
export const provinces: readonly Province[] = data;
