import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { toStored } from '../../shared/adapters/request-record.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { lambdaContext } from '../support/api-event.ts';
import { storedRequest } from '../support/items.ts';
import { sqsEventOf, sqsRecord } from '../support/sqs-event.ts';
import { streamEvent, streamRecord } from '../support/stream-event.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.OSS_ENV = 'test';
process.env.QUEUE_URL_PREFIX = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/';
process.env.STATS_RETRY_QUEUE_URL = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/stats-retry';
const { handler: router } = await import('../../functions/router/handler.ts');
const { handler: statsCounter } = await import('../../functions/stats-counter/handler.ts');
const { handler: statsRetry } = await import('../../functions/stats-retry/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const id = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
const other = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const record = streamRecord;
const step = (
  item: RequestItem,
  status: RequestItem['status'],
  extra: Partial<RequestItem> = {},
): RequestItem => ({
  ...item,
  ...extra,
  status,
  version: item.version + 1,
  updatedAt: '2026-11-24T10:00:00.000+07:00',
});

beforeEach(() => {
  ddb.reset();
  sqs.reset();
  ddb.on(UpdateCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
});

describe('statistics counters', () => {
  it('are no part of a transition: routing writes the record and nothing else', async () => {
    let item = storedRequest('complaint', id).item;
    ddb.on(GetCommand).callsFake(() => ({ Item: item }));
    ddb.on(PutCommand).callsFake((input: { Item: RequestItem }) => {
      item = input.Item;
      return {};
    });
    await router(
      sqsEventOf(sqsRecord('m1', JSON.stringify({ requestId: id, provinceCode: '20' }))),
      lambdaContext,
    );
    expect(item.status).toBe('ROUTED');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("move once per batch: a batch's changes summed into one small shard update per province and service", async () => {
    const a0 = storedRequest('complaint', id).item;
    const a1 = step(a0, 'ROUTED');
    const a2 = step(a1, 'IN_PROGRESS');
    const a3 = step(a2, 'COMPLETED', { rating: { score: 4, at: '2026-11-24T11:00:00.000+07:00' } });
    const b0 = storedRequest('complaint', other).item;
    const b1 = step(b0, 'ROUTED');
    const out = await statsCounter(
      streamEvent([
        record(undefined, a0),
        record(a0, a1),
        record(undefined, b0),
        record(a1, a2),
        record(b0, b1),
        record(a2, a3),
      ]),
      lambdaContext,
    );
    expect(out).toEqual({ batchItemFailures: [] });
    const updates = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update?.Key?.pk).toBe('STATS#20');
    expect(update?.Key?.sk).toMatch(/^SVC#complaint#[0-7]$/);
    const counters = Object.fromEntries(
      Object.entries(update?.ExpressionAttributeNames ?? {}).map(([ref, name]) => [
        name,
        update?.ExpressionAttributeValues?.[ref.replace('#c', ':v')],
      ]),
    );
    // a: routed, worked, finished (rated); b: routed. What cancels out is not written at all.
    expect(counters).toMatchObject({
      status_ROUTED: 1,
      status_COMPLETED: 1,
      finished: 1,
      ratingCount: 1,
      ratingSum: 4,
    });
    expect(counters).not.toHaveProperty('status_IN_PROGRESS');
  });

  it('read a packed record from its base64 image, and ignore items that are not requests', async () => {
    const a0 = storedRequest('complaint', id).item;
    const long = {
      ...a0,
      history: Array.from({ length: 12 }, (_, i) => ({
        at: a0.createdAt,
        status: 'IN_PROGRESS' as const,
        actor: 'agency:damrongdhama-20',
        note: `ตรวจสอบพื้นที่ครั้งที่ ${i}`,
      })),
    };
    expect(toStored(long)).toHaveProperty('packed');
    const counterRecord = {
      eventID: 'counter-1',
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { pk: { S: 'STATS#20' }, sk: { S: 'SVC#complaint#1' } },
        SequenceNumber: '99',
        OldImage: { pk: { S: 'STATS#20' }, sk: { S: 'SVC#complaint#1' }, status_ROUTED: { N: '1' } },
        NewImage: { pk: { S: 'STATS#20' }, sk: { S: 'SVC#complaint#1' }, status_ROUTED: { N: '2' } },
      },
    };
    const out = await statsCounter(
      streamEvent([record(long, step(long, 'NEEDS_INFO')), counterRecord]),
      lambdaContext,
    );
    expect(out).toEqual({ batchItemFailures: [] });
    const update = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(Object.values(update?.ExpressionAttributeNames ?? {}).sort()).toEqual(['status_NEEDS_INFO']);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('stop at an unreadable record: what came before is counted, and Lambda retries from it', async () => {
    const a0 = storedRequest('complaint', id).item;
    const a1 = step(a0, 'ROUTED');
    const broken = {
      eventID: 'broken-1',
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { pk: { S: `REQUEST#${other}` } },
        SequenceNumber: '999',
        NewImage: { packed: { B: Buffer.from([9, 1, 2]).toString('base64') }, pk: { S: `REQUEST#${other}` } },
        OldImage: { pk: { S: `REQUEST#${other}` } },
      },
    };
    const after = record(a1, step(a1, 'IN_PROGRESS'));
    const out = await statsCounter(streamEvent([record(a0, a1), broken, after]), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: '999' }] });
    const update = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(Object.values(update?.ExpressionAttributeNames ?? {})).toEqual(['status_ROUTED']);
  });

  it('queue a failed counter update for retry instead of dropping it, and the retry applies it', async () => {
    ddb.on(UpdateCommand).rejectsOnce(new Error('ProvisionedThroughputExceeded')).resolves({});
    const a0 = storedRequest('complaint', id).item;
    const out = await statsCounter(streamEvent([record(a0, step(a0, 'ROUTED'))]), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [] }); // nothing to re-read: the deltas are queued
    const retry = sqs
      .commandCalls(SendMessageCommand)
      .map((c) => c.args[0].input)
      .find((i) => i.QueueUrl === process.env.STATS_RETRY_QUEUE_URL);
    expect(JSON.parse(retry?.MessageBody ?? '{}')).toMatchObject({
      requestId: id,
      provinceCode: '20',
      serviceCode: 'complaint',
      deltas: { status_ROUTED: 1 },
    });

    const before = ddb.commandCalls(UpdateCommand).length;
    const applied = await statsRetry(sqsEventOf(sqsRecord('r1', retry?.MessageBody ?? '')), lambdaContext);
    expect(applied).toEqual({ batchItemFailures: [] });
    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.args[0].input.ExpressionAttributeValues).toEqual({ ':v0': 1 });
  });
});
