import data from './province-extents.json' with { type: 'json' };

/**
 * Each province's extent as `[south, west, north, east]` in degrees: the bounding box of its
 * subdistricts' reference points, from the same source as subdistricts.ts (kongvut/thai-province-data,
 * commit 9711e723, `sub_districts.csv` lat/long; 76 provinces: Bangkok's rows carry no points).
 * A box of interior points is smaller than the province, so checks allow a margin.
 */
export const provinceExtents: Readonly<Record<string, readonly [number, number, number, number]>> =
  data as unknown as Record<string, [number, number, number, number]>;

/** Thailand's extent (DESIGN.md §4): about 5.6–20.5° N, 97.3–105.7° E. */
export const THAILAND = { south: 5.6, north: 20.5, west: 97.3, east: 105.7 } as const;
