import type { AddressInfo } from 'node:net';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { describe, expect, it } from 'vitest';
import {
  matchesPattern,
  StreamEventSource,
  type StreamRecord,
  TableStreams,
} from '../../infra/local/dynamodb-streams.ts';

const record = (n: number, pk = `REQUEST#${n}`): StreamRecord => ({
  eventID: `e${n}`,
  eventName: 'MODIFY',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ap-southeast-7',
  eventSourceARN: 'arn:stream',
  dynamodb: {
    ApproximateCreationDateTime: 0,
    Keys: { pk: { S: pk } },
    SequenceNumber: String(n),
    SizeBytes: 1,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});
const spec = (over: Partial<ConstructorParameters<typeof StreamEventSource>[0]> = {}) => ({
  streamArn: 'arn:stream',
  batchSize: 10,
  windowMs: 20,
  reportBatchItemFailures: true,
  bisectOnError: true,
  maxRetryAttempts: 2,
  filters: [],
  region: 'ap-southeast-7',
  ...over,
});
const numbers = (event: unknown) =>
  (event as { Records: StreamRecord[] }).Records.map((r) => Number(r.dynamodb.SequenceNumber));

describe('local table streams (what Lambda does with a stream, locally)', () => {
  it('filters with the event pattern CDK writes for FilterRule.beginsWith', () => {
    const pattern = JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: 'REQUEST#' }] } } } });
    expect(matchesPattern(record(1), pattern)).toBe(true);
    expect(matchesPattern(record(2, 'STATS#20'), pattern)).toBe(false);
    expect(matchesPattern(record(3), { dynamodb: { Keys: { sk: { S: [{ prefix: 'x' }] } } } })).toBe(false);
    expect(matchesPattern(record(4), { eventName: ['INSERT', 'MODIFY'] })).toBe(true);
    expect(matchesPattern(record(5), { eventName: [{ 'anything-but': 'MODIFY' }] })).toBe(false);
  });

  it('batches by size or window, in order, and drains what is pending', async () => {
    const batches: number[][] = [];
    const source = new StreamEventSource(
      spec({ batchSize: 3 }),
      async (e) => void batches.push(numbers(e)),
      '',
      () => {},
    );
    for (let n = 1; n <= 7; n++) source.push(record(n));
    await source.drain();
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('retries from the first reported failure, not the records before it', async () => {
    const batches: number[][] = [];
    let failed = false;
    const source = new StreamEventSource(
      spec(),
      async (e) => {
        batches.push(numbers(e));
        if (!failed) {
          failed = true;
          return { batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] };
        }
        return { batchItemFailures: [] };
      },
      '',
      () => {},
    );
    for (let n = 1; n <= 4; n++) source.push(record(n));
    await source.drain();
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [2, 3, 4],
    ]);
  });

  it('halves a failing batch until the bad record fails alone, gives up on it, and goes on', async () => {
    const delivered: number[] = [];
    const given: string[] = [];
    const source = new StreamEventSource(
      spec(),
      async (e) => {
        const n = numbers(e);
        if (n.includes(3)) throw new Error('poison');
        delivered.push(...n);
      },
      '',
      (line) => given.push(line),
    );
    for (let n = 1; n <= 4; n++) source.push(record(n));
    await source.drain();
    expect(delivered).toEqual([1, 2, 4]);
    expect(given.some((l) => l.includes('gave up on 1 record'))).toBe(true);
  });

  it('records each item change through the proxy with its exact old and new image, and nothing for a refused write', async () => {
    const db = dynalite({ createTableMs: 0 });
    await new Promise<void>((ok) => db.listen(0, '127.0.0.1', () => ok()));
    const streams = new TableStreams(
      `http://127.0.0.1:${(db.address() as AddressInfo).port}`,
      'ap-southeast-7',
    );
    const seen: StreamRecord[] = [];
    streams.subscribe(
      'requests',
      new StreamEventSource(
        spec({ windowMs: 0, filters: [{ dynamodb: { Keys: { pk: { S: [{ prefix: 'REQUEST#' }] } } } }] }),
        async (e) => void seen.push(...(e as { Records: StreamRecord[] }).Records),
        '',
        () => {},
      ),
    );
    const front = await streams.start();
    const client = new DynamoDBClient({
      endpoint: front.url,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      await client.send(
        new CreateTableCommand({
          TableName: 'requests',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      const key = { pk: { S: 'REQUEST#1' }, sk: { S: 'REQUEST' } };
      await client.send(
        new PutItemCommand({ TableName: 'requests', Item: { ...key, status: { S: 'SUBMITTED' } } }),
      );
      await client.send(
        new UpdateItemCommand({
          TableName: 'requests',
          Key: key,
          UpdateExpression: 'SET #s = :r',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':r': { S: 'ROUTED' } },
        }),
      );
      // Refused: a failed condition, a write that changes nothing, a counter item (filtered out).
      await expect(
        client.send(
          new PutItemCommand({
            TableName: 'requests',
            Item: { ...key, status: { S: 'LOST' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
      await client.send(
        new PutItemCommand({ TableName: 'requests', Item: { ...key, status: { S: 'ROUTED' } } }),
      );
      await client.send(
        new PutItemCommand({ TableName: 'requests', Item: { pk: { S: 'STATS#20' }, sk: { S: 'x' } } }),
      );
      // A malformed write reaches DynamoDB, which answers it (not the proxy with a 502).
      await expect(
        client.send(new PutItemCommand({ TableName: 'requests', Item: { status: { S: 'no key' } } })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await Promise.all(streams.sources.map((s) => s.drain()));
      expect(
        seen.map((r) => [r.eventName, r.dynamodb.OldImage?.status?.S, r.dynamodb.NewImage?.status?.S]),
      ).toEqual([
        ['INSERT', undefined, 'SUBMITTED'],
        ['MODIFY', 'SUBMITTED', 'ROUTED'],
      ]);
      expect(seen[1]?.dynamodb.Keys).toEqual(key);
    } finally {
      client.destroy();
      await streams.stop();
      await new Promise<void>((ok) => db.close(() => ok()));
    }
  });
});
