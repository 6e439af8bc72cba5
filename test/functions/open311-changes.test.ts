import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toStored } from '../../shared/adapters/request-record.ts';
import { applyTransition, withNote } from '../../shared/domain/lifecycle.ts';
import type { PublicChange } from '../../shared/schemas/open311.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { lambdaContext } from '../support/api-event.ts';
import { storedRequest } from '../support/items.ts';
import { streamEvent, streamRecord } from '../support/stream-event.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.OSS_ENV = 'test';
const { handler } = await import('../../functions/open311-changes/handler.ts');
const { requestUpdates } = await import('../../shared/app/open311.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const id = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
const other = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const agency = 'agency:damrongdhama-20';

/** A routed request whose later steps happen at `base` plus some seconds (UTC). */
const routed = (requestId: string, extra: Record<string, unknown> = {}): RequestItem => {
  const filed = storedRequest('complaint', requestId, extra).item;
  return applyTransition(
    filed,
    { action: 'route', actor: 'system:router', now: new Date('2026-11-24T03:00:00Z') },
    { agencyId: 'damrongdhama-20' },
  );
};
const at = (s: number) => new Date(Date.parse('2026-11-24T03:10:00Z') + s * 1000);

type Written = { pk: string; sk: string; changes: string; ttl: number };
let written: Written[] = [];

beforeEach(() => {
  ddb.reset();
  written = [];
  ddb.on(PutCommand).callsFake((input: { Item: Written }) => {
    written.push(input.Item);
    return {};
  });
});

const changesOf = (items: Written[]) =>
  items.flatMap((i) => JSON.parse(i.changes) as PublicChange[]).map((c) => [c.requestId, c.index, c.status]);

describe("Open311's change log, from the table's stream", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it("writes each step's public changes, one item per province and minute of the batch", async () => {
    const a0 = routed(id);
    const a1 = applyTransition(a0, { action: 'accept', actor: agency, now: at(0) });
    const a2 = withNote(a1, 'citizen', 'ขอบคุณค่ะ', at(5)); // keeps the public status
    const a3 = applyTransition(a2, {
      action: 'complete',
      actor: agency,
      now: at(70),
      note: 'ซ่อมแล้ว',
      publish: true,
    });
    const b0 = routed(other, { provinceCode: '10' });
    const b1 = applyTransition(b0, { action: 'accept', actor: 'agency:bangkok-10', now: at(10) });
    // A public status change whose reason the officer did not publish (it names the citizen's ID).
    const b2 = applyTransition(b1, {
      action: 'request-info',
      actor: 'agency:bangkok-10',
      now: at(20),
      note: 'ขอสำเนาบัตร 3100000000001',
    });
    const counterRecord = {
      eventID: 'counter-1',
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { pk: { S: 'STATS#20' }, sk: { S: 'SVC#complaint#1' } },
        SequenceNumber: '99',
        NewImage: { pk: { S: 'STATS#20' }, sk: { S: 'SVC#complaint#1' } },
      },
    };
    const records = [
      streamRecord(undefined, a0), // a filing routed: no public change yet
      streamRecord(a0, a1),
      streamRecord(a1, a2),
      counterRecord,
      streamRecord(b0, b1),
      streamRecord(a2, a3),
      streamRecord(b1, b2),
    ];
    const out = await handler(streamEvent(records), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [] });
    const byKey = written.map((w) => [w.pk, w.sk.split('#')[0]]);
    const minute = (s: number) => String(Math.floor(at(s).getTime() / 60_000) * 60_000).padStart(15, '0');
    expect(byKey.sort()).toEqual(
      [
        [`CHANGES#${b1.provinceCode}`, minute(10)],
        ['CHANGES#20', minute(0)],
        ['CHANGES#20', minute(70)],
      ].sort(),
    );
    const twenty = written.filter((w) => w.pk === 'CHANGES#20').sort((x, y) => (x.sk < y.sk ? -1 : 1));
    expect(changesOf(twenty)).toEqual([
      [id, 2, 'IN_PROGRESS'],
      [id, 4, 'COMPLETED'],
    ]);
    // The officer's published words and the time; an unpublished note is not kept.
    expect(JSON.parse(twenty[1]?.changes ?? '[]')).toEqual([
      { requestId: id, index: 4, status: 'COMPLETED', at: a3.updatedAt, note: 'ซ่อมแล้ว' },
    ]);
    expect(JSON.parse(twenty[0]?.changes ?? '[]')[0]).not.toHaveProperty('note');
    const bangkok = written.filter((w) => w.pk === `CHANGES#${b1.provinceCode}`);
    expect(changesOf(bangkok)).toEqual([
      [other, 2, 'IN_PROGRESS'],
      [other, 3, 'NEEDS_INFO'],
    ]);
    expect(JSON.stringify(bangkok)).not.toContain('3100000000001');
    // Gone on its own a day after Open311 stops looking (90 days).
    expect(twenty[0]?.ttl).toBe(Math.floor(Number(minute(0)) / 1000) + 91 * 86_400);

    // The same batch again (a retry) writes the same items, not new ones.
    const first = written.map((w) => w.sk).sort();
    written = [];
    await handler(streamEvent(records), lambdaContext);
    expect(written.map((w) => w.sk).sort()).toEqual(first);
  });

  it('a batch cut in two (Lambda bisects a failing one) loses no change and repeats none', async () => {
    const a0 = routed(id);
    const c0 = routed(other);
    const records = [
      streamRecord(a0, applyTransition(a0, { action: 'accept', actor: agency, now: at(0) })),
      streamRecord(c0, applyTransition(c0, { action: 'accept', actor: agency, now: at(30) })),
    ];
    await handler(streamEvent(records), lambdaContext);
    const whole = written;
    expect(whole).toHaveLength(1);
    // Each half names its group by its own first record: the first half rewrites the batch's item
    // with fewer changes, the second writes the rest under a key of its own.
    written = [];
    await handler(streamEvent(records.slice(0, 1)), lambdaContext);
    await handler(streamEvent(records.slice(1)), lambdaContext);
    const table = new Map([...whole, ...written].map((w) => [`${w.pk} ${w.sk}`, w]));
    expect(table.size).toBe(2);
    expect(changesOf([...table.values()]).sort()).toEqual(
      [
        [id, 2, 'IN_PROGRESS'],
        [other, 2, 'IN_PROGRESS'],
      ].sort(),
    );
    vi.useFakeTimers({ now: at(3600), toFake: ['Date'] });
    ddb.on(QueryCommand).resolves({ Items: [...table.values()].sort((x, y) => (x.sk < y.sk ? 1 : -1)) });
    const answer = await requestUpdates(new URLSearchParams({ jurisdiction_id: '20' }), ['20']);
    expect(answer.map((u) => u.update_id)).toEqual([`${id}:2`, `${other}:2`]);
  });

  it('reads a packed record and stops at an unreadable one, retried from there', async () => {
    const a0 = routed(id);
    const long: RequestItem = {
      ...a0,
      history: [
        ...a0.history,
        ...Array.from({ length: 30 }, (_, i) => ({
          at: a0.updatedAt,
          status: 'ROUTED' as const,
          actor: 'citizen',
          note: `ข้อมูลเพิ่มเติมครั้งที่ ${i}`,
        })),
      ],
    };
    expect(toStored(long)).toHaveProperty('packed');
    const accepted = applyTransition(long, { action: 'accept', actor: agency, now: at(0) });
    const broken = {
      eventID: 'broken-1',
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { pk: { S: `REQUEST#${other}` } },
        SequenceNumber: '555',
        NewImage: { packed: { B: 'AAAA' } },
      },
    };
    const b0 = routed(other);
    const late = streamRecord(b0, applyTransition(b0, { action: 'accept', actor: agency, now: at(1) }));
    const out = await handler(streamEvent([streamRecord(long, accepted), broken, late]), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: '555' }] });
    expect(changesOf(written)).toEqual([[id, long.history.length, 'IN_PROGRESS']]);
  });

  it('fails the batch when a write fails, so Lambda retries it', async () => {
    ddb.on(PutCommand).rejects(new Error('throttled'));
    const a0 = routed(id);
    const records = [streamRecord(a0, applyTransition(a0, { action: 'accept', actor: agency, now: at(0) }))];
    await expect(handler(streamEvent(records), lambdaContext)).rejects.toThrow(/throttled/);
  });
});

describe('servicerequestupdates, from the change log', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const update = (n: number, s: number): PublicChange => ({
    requestId: id,
    index: n,
    status: n === 4 ? 'COMPLETED' : 'IN_PROGRESS',
    at: new Date(Date.now() - s * 1000).toISOString(),
    ...(n === 4 && { note: 'ซ่อมแล้ว' }),
  });
  const item = (minuteAgo: number, changes: PublicChange[], group = 'g') => ({
    pk: 'CHANGES#20',
    sk: `${String(Math.floor((Date.now() - minuteAgo * 60_000) / 60_000) * 60_000).padStart(15, '0')}#${group}#0`,
    changes: JSON.stringify(changes),
  });

  it('answers each change once, oldest first, within the window asked for', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        item(0, [update(5, 10)]),
        // A retried batch, cut differently, logged update 3 twice.
        item(2, [update(3, 150), update(4, 130)], 'a'),
        item(2, [update(3, 150)], 'b'),
        item(200, [update(1, 200 * 60)]),
      ],
    });
    const query = new URLSearchParams({
      jurisdiction_id: '20',
      start_date: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      end_date: new Date(Date.now() - 60_000).toISOString(),
    });
    const answer = await requestUpdates(query, ['20']);
    expect(answer.map((u) => [u.update_id, u.status])).toEqual([
      [`${id}:3`, 'in_progress'],
      [`${id}:4`, 'fixed'],
    ]);
    expect(answer[1]?.description).toContain('ซ่อมแล้ว');
    // One Query of the province's log over the minutes asked for, latest first.
    const input = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.ExpressionAttributeValues?.[':p']).toBe('CHANGES#20');
    expect(input?.ScanIndexForward).toBe(false);
    expect(String(input?.ExpressionAttributeValues?.[':from'])).toMatch(/^\d{15}$/);
    const minuteOf = (iso: string) => String(Math.floor(Date.parse(iso) / 60_000) * 60_000).padStart(15, '0');
    expect(input?.ExpressionAttributeValues?.[':from']).toBe(minuteOf(query.get('start_date') as string));
    expect(input?.ExpressionAttributeValues?.[':to']).toBe(`${minuteOf(query.get('end_date') as string)}~`);
  });

  it('follows the pages, and stops once the newest 1000 changes are held', async () => {
    // Page 1: the latest minute, 600 changes; page 2: the minute before, 600 more, then an older
    // minute, which can hold nothing newer: reading stops there, and page 3 is never asked for.
    const many = (minuteAgo: number, first: number) =>
      item(
        minuteAgo,
        Array.from({ length: 600 }, (_, i) => ({
          requestId: id,
          index: first + i,
          status: 'IN_PROGRESS' as const,
          at: new Date(
            Math.floor((Date.now() - minuteAgo * 60_000) / 60_000) * 60_000 + 50 * i,
          ).toISOString(),
        })),
      );
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [many(1, 2000)], LastEvaluatedKey: { pk: 'p', sk: '1' } })
      .resolvesOnce({ Items: [many(2, 1000), many(3, 1)], LastEvaluatedKey: { pk: 'p', sk: '2' } })
      .resolvesOnce({ Items: [many(4, 5000)] });
    const answer = await requestUpdates(new URLSearchParams({ jurisdiction_id: '20' }), ['20']);
    expect(answer).toHaveLength(1000);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(2);
    expect(ddb.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'p', sk: '1' });
    // The newest 600 and the newest 400 of the minute before, oldest first.
    expect(answer[0]?.update_id).toBe(`${id}:${1000 + 200}`);
    expect(answer.at(-1)?.update_id).toBe(`${id}:${2000 + 599}`);
  });

  it('refuses a window whose log is too long to read for one answer', async () => {
    // Every item repeats one change: the answer never fills, so only the bound on reads stops it.
    let page = 0;
    ddb.on(QueryCommand).callsFake(() => {
      page += 1;
      return {
        Items: Array.from({ length: 100 }, () => item(1, [update(2, 70)])),
        LastEvaluatedKey: { sk: page },
      };
    });
    await expect(
      requestUpdates(new URLSearchParams({ jurisdiction_id: '20' }), ['20']),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(page).toBe(51);
  });
});
