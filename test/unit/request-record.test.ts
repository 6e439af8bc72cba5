import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { itemSize } from '../../infra/local/meter.ts';
import { fromStored, storedSize, toStored } from '../../shared/adapters/request-record.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';

const at = (s: number) => `2026-11-24T01:12:${String(s).padStart(2, '0')}.845+07:00`;
const filed: RequestItem = {
  pk: 'REQUEST#5abc802e-8bd6-46ca-aa04-474077852941',
  sk: 'REQUEST',
  requestId: '5abc802e-8bd6-46ca-aa04-474077852941',
  serviceCode: 'complaint',
  serviceVersion: '957b2a9b68ff',
  provinceCode: '20',
  status: 'SUBMITTED',
  applicant: {
    phone: '0812345678',
    firstName: 'สมชาย',
    lastName: 'ใจดี',
    citizenIdHash: 'f8d6bed38a04186bc93df0e8ffaef3839d601029c53cfbd75957d65f512466c1',
    citizenIdMasked: 'x-xxxx-xxxx0-00-5',
    citizenIdSealed: {
      keyId: 'vOJTQiDp5I9gBKFZjXCcXV',
      iv: 'dad4FVJxRiUZaTdN',
      data: 'lB+1kdbzN6U3wiYqmA5cumskSKf0ztpuUQ268lY=',
    },
  },
  details: { category: 'road', subject: 'ถนนชำรุด' },
  documents: [],
  channel: 'online',
  history: [{ at: at(1), status: 'SUBMITTED', actor: 'citizen', note: 'Filed' }],
  createdAt: at(1),
  updatedAt: at(1),
  dueAt: '2026-12-17T16:30:00.000+07:00',
  version: 1,
  tokenHash: '366f0707fd6b28e6adabfca8bdbd98318a87c9314e63d9468938591225469f37',
  openProvince: '20',
  provinceStatus: '20#SUBMITTED',
};
/** The same request completed and rated: the bench's lifecycle, about 1.7 KB stored plain. */
const finished: RequestItem = {
  ...filed,
  status: 'COMPLETED',
  agencyId: 'damrongdhama-20',
  agencyListKey: `done#${at(1)}`,
  acceptedAt: at(3),
  rating: { score: 5, at: at(9) },
  version: 8,
  history: [
    ...filed.history,
    {
      at: at(2),
      status: 'ROUTED',
      actor: 'system:router',
      note: 'Routed to damrongdhama-20 (provincial Damrongdhama centre)',
    },
    { at: at(3), status: 'IN_PROGRESS', actor: 'agency:damrongdhama-20', note: 'รับเรื่อง' },
    { at: at(4), status: 'NEEDS_INFO', actor: 'agency:damrongdhama-20', note: 'ขอทราบจุดที่ชำรุด' },
    { at: at(5), status: 'NEEDS_INFO', actor: 'citizen', note: 'Citizen replied: หน้าโรงเรียน' },
    { at: at(6), status: 'IN_PROGRESS', actor: 'agency:damrongdhama-20' },
    { at: at(7), status: 'COMPLETED', actor: 'agency:damrongdhama-20', note: 'ซ่อมแล้ว', public: true },
  ],
};
const { openProvince: _o, provinceStatus: _p, ...finishedItem } = finished;

describe('how a request is stored', () => {
  it('keeps a record under 1 KB plain (a new filing costs no compression)', () => {
    expect(storedSize(filed)).toBeLessThanOrEqual(1024);
    expect(toStored(filed)).toBe(filed);
    expect(fromStored(filed as Record<string, unknown>)).toBe(filed);
  });

  it('packs a record past 1 KB into one write unit, keeping keys, index attributes and projections plain', () => {
    expect(storedSize(finishedItem)).toBeGreaterThan(1024);
    const stored = toStored(finishedItem as RequestItem);
    expect(stored.packed).toBeInstanceOf(Uint8Array);
    const raw = itemSize(marshall(stored) as never);
    expect(raw).toBeLessThanOrEqual(1024);
    for (const name of [
      'pk',
      'sk',
      'requestId',
      'status',
      'agencyId',
      'agencyListKey',
      'dueAt',
      'version',
      'updatedAt',
    ])
      expect(stored[name], name).toEqual(finishedItem[name as keyof typeof finishedItem]);
    for (const name of ['history', 'applicant', 'details', 'tokenHash', 'rating'])
      expect(stored[name], name).toBeUndefined();
    // Read back exactly, whatever the SDK hands back for a binary attribute.
    expect(fromStored({ ...stored, packed: new Uint8Array(stored.packed as Buffer) })).toEqual(finishedItem);
  });

  it('refuses a packed record of a format it does not know, rather than misread it', () => {
    const stored = toStored(finishedItem as RequestItem);
    const packed = new Uint8Array(stored.packed as Buffer);
    packed[0] = 9;
    expect(() => fromStored({ ...stored, packed })).toThrow(/unknown record format 9/);
  });

  it("counts sizes as DynamoDB does (the metering proxy's rules), a little over rather than under", () => {
    for (const item of [filed, finishedItem]) {
      const dynamo = itemSize(marshall(item, { removeUndefinedValues: true }) as never);
      expect(storedSize(item)).toBeGreaterThanOrEqual(dynamo);
      expect(storedSize(item)).toBeLessThanOrEqual(dynamo * 1.05);
    }
  });

  it('measures text in UTF-8 bytes exactly: Thai, emoji, and broken surrogates alike', () => {
    for (const text of [
      '',
      'abc',
      'ถนนชำรุด',
      'é€',
      '👍🏽 ok',
      '\ud83d',
      'a\udc4d',
      '\ud83d\ud83d\udc4d',
      'x'.repeat(300),
    ]) {
      expect(storedSize(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
      expect(storedSize({ [text]: 1 })).toBe(3 + Buffer.byteLength(text) + 1 + 2);
    }
  });
});
