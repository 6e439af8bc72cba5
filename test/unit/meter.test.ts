import { describe, expect, it } from 'vitest';
import { indexWriteUnits, itemSize } from '../../infra/local/meter.ts';
import { provinceStatusKey } from '../../shared/domain/lifecycle.ts';

/** Issue #16: the bench's measure of index writes (dynalite reports only the table's units). */
const table = {
  keys: ['pk', 'sk'],
  indexes: [
    {
      name: 'byStatus',
      keys: ['provinceStatus', 'updatedAt'],
      projection: 'INCLUDE' as const,
      include: ['serviceCode'],
    },
    { name: 'byCreated', keys: ['provinceCode', 'createdAt'], projection: 'KEYS_ONLY' as const, include: [] },
  ],
};
const S = (s: string) => ({ S: s });
const base = {
  pk: S('REQUEST#1'),
  sk: S('REQUEST'),
  provinceCode: S('20'),
  createdAt: S('2026-11-23T10:00:00+07:00'),
  serviceCode: S('complaint'),
};

describe('index write units', () => {
  it('counts a new entry once, a moved key as a delete and a put, and an untouched index not at all', () => {
    const filed = { ...base, provinceStatus: S('20#SUBMITTED'), updatedAt: S('a') };
    expect(indexWriteUnits(table, undefined, filed)).toEqual({ byStatus: 1, byCreated: 1 });
    const routed = { ...filed, provinceStatus: S('20#ROUTED'), updatedAt: S('b') };
    expect(indexWriteUnits(table, filed, routed)).toEqual({ byStatus: 2 });
    // Leaving the sparse index: one delete; the keys-only index never changes after filing.
    const { provinceStatus: _gone, ...accepted } = { ...routed, updatedAt: S('c') };
    expect(indexWriteUnits(table, routed, accepted)).toEqual({ byStatus: 1 });
    expect(indexWriteUnits(table, accepted, { ...accepted, updatedAt: S('d') })).toEqual({});
  });

  it('sizes items by DynamoDB’s rules: names and UTF-8 values', () => {
    expect(itemSize({ a: S('ก') })).toBe(1 + 3);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
  });

  it('keeps only the statuses looked for by status in the byProvinceStatus index', () => {
    expect(provinceStatusKey('20', 'SUBMITTED')).toBe('20#SUBMITTED');
    expect(provinceStatusKey('20', 'AWAITING_PAYMENT')).toBe('20#AWAITING_PAYMENT');
    // Routed requests are found through their agency's index: routing only deletes the entry.
    expect(provinceStatusKey('20', 'ROUTED')).toBeUndefined();
    expect(provinceStatusKey('20', 'IN_PROGRESS')).toBeUndefined();
    expect(provinceStatusKey('20', 'COMPLETED')).toBeUndefined();
  });
});
