import { describe, expect, it } from 'vitest';
import { matchesPattern, StreamEventSource, type StreamRecord } from '../../infra/local/dynamodb-streams.ts';

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
});
