import { createServer, type Server } from 'node:http';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { bodyOf, forward, listen } from './meter.ts';

/**
 * DynamoDB Streams for the local stack, which dynalite lacks: a proxy in front of it that, for
 * every item write to a table with stream consumers, reads the item before and after (the writes
 * to one item are serialised through it, so the pair is exact) and hands a consumer a stream
 * record (NEW_AND_OLD_IMAGES) like Lambda's, in write order. A write that changes nothing, or
 * fails, makes no record, as in DynamoDB.
 */

type Item = Record<string, Record<string, unknown>>;

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'NEW_AND_OLD_IMAGES';
  };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

export class TableStreams {
  private readonly consumers = new Map<string, StreamEventSource[]>();
  private readonly keySchemas = new Map<string, Promise<string[]>>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private sequence = 0;
  private server: Server | undefined;

  constructor(
    private readonly upstream: string,
    private readonly region: string,
  ) {}

  /** Delivers the table's records to `source` (a stream event source mapping). */
  subscribe(tableName: string, source: StreamEventSource): void {
    this.consumers.set(tableName, [...(this.consumers.get(tableName) ?? []), source]);
  }

  get sources(): StreamEventSource[] {
    return [...this.consumers.values()].flat();
  }

  async start(): Promise<{ url: string; server: Server }> {
    const upstream = new URL(this.upstream);
    const front = await listen(
      createServer(async (req, res) => {
        const body = await bodyOf(req);
        const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        const send = (r: { status: number; headers: Record<string, unknown>; body: Buffer }) => {
          res.writeHead(r.status, r.headers as Record<string, string>);
          res.end(r.body);
        };
        try {
          if (!WRITES.has(op)) return send(await forward(upstream, req, body));
          // A call this cannot read (malformed, an unknown table) goes as it is: DynamoDB answers it.
          const writes = await this.itemWrites(
            op,
            JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>,
            upstream,
            req.headers,
          ).catch(() => []);
          if (writes.length === 0) return send(await forward(upstream, req, body));
          // Every item this call writes, locked in a fixed order, read before and after.
          const lockKeys = writes.map((w) => `${w.table}\u0000${JSON.stringify(w.key)}`).sort();
          send(
            await this.locked(lockKeys, async () => {
              const get = (w: (typeof writes)[number]) => this.getItem(upstream, req.headers, w.table, w.key);
              const before = await Promise.all(writes.map(get)).catch(() => undefined);
              const r = await forward(upstream, req, body);
              // A key DynamoDB refuses to read is refused for the write too: nothing to record.
              if (!before) return r;
              if (r.status === 200) {
                const after = await Promise.all(writes.map(get));
                writes.forEach((w, i) => {
                  this.emit(w.table, w.key, before[i], after[i]);
                });
              }
              return r;
            }),
          );
        } catch {
          res.writeHead(502);
          res.end();
        }
      }),
    );
    this.server = front.server;
    return front;
  }

  async stop(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.stop()));
    const server = this.server;
    if (server) {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    }
  }

  /** The items a write call touches on streamed tables, by key. */
  private async itemWrites(
    op: string,
    input: Record<string, unknown>,
    upstream: URL,
    headers: Record<string, unknown>,
  ): Promise<Array<{ table: string; key: Item }>> {
    const keyOf = async (table: string, item: Item) => {
      const names = await this.keySchemaOf(table, upstream, headers);
      return Object.fromEntries(names.map((n) => [n, item[n] as Record<string, unknown>])) as Item;
    };
    if (op === 'BatchWriteItem') {
      const out: Array<{ table: string; key: Item }> = [];
      for (const [table, requests] of Object.entries(
        (input.RequestItems ?? {}) as Record<string, unknown[]>,
      )) {
        if (!this.consumers.has(table)) continue;
        for (const r of requests as Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>) {
          if (r.PutRequest) out.push({ table, key: await keyOf(table, r.PutRequest.Item) });
          else if (r.DeleteRequest) out.push({ table, key: r.DeleteRequest.Key });
        }
      }
      return out;
    }
    const table = String(input.TableName ?? '');
    if (!this.consumers.has(table)) return [];
    const key = op === 'PutItem' ? await keyOf(table, input.Item as Item) : (input.Key as Item);
    return [{ table, key }];
  }

  private keySchemaOf(table: string, upstream: URL, headers: Record<string, unknown>): Promise<string[]> {
    let names = this.keySchemas.get(table);
    if (!names) {
      names = forward(
        upstream,
        {
          method: 'POST',
          url: '/',
          headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.DescribeTable' },
        },
        Buffer.from(JSON.stringify({ TableName: table })),
      ).then((r) =>
        (
          JSON.parse(r.body.toString('utf8')) as { Table: { KeySchema: { AttributeName: string }[] } }
        ).Table.KeySchema.map((k) => k.AttributeName),
      );
      // Not kept when it failed: the next write asks again.
      names.catch(() => this.keySchemas.delete(table));
      this.keySchemas.set(table, names);
    }
    return names;
  }

  private async getItem(
    upstream: URL,
    headers: Record<string, unknown>,
    table: string,
    key: Item,
  ): Promise<Item | undefined> {
    const r = await forward(
      upstream,
      { method: 'POST', url: '/', headers: { ...headers, 'x-amz-target': 'DynamoDB_20120810.GetItem' } },
      Buffer.from(JSON.stringify({ TableName: table, Key: key, ConsistentRead: true })),
    );
    if (r.status !== 200) throw new Error(`GetItem for the stream failed: ${r.status}`);
    return (JSON.parse(r.body.toString('utf8')) as { Item?: Item }).Item;
  }

  private async locked<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = Promise.all(keys.map((k) => this.locks.get(k)));
    const run = before.then(work, work);
    const done = run.catch(() => undefined);
    for (const k of keys) this.locks.set(k, done);
    try {
      return await run;
    } finally {
      for (const k of keys) if (this.locks.get(k) === done) this.locks.delete(k);
    }
  }

  private emit(table: string, key: Item, before: Item | undefined, after: Item | undefined): void {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    this.sequence += 1;
    const sequenceNumber = String(this.sequence).padStart(21, '0');
    for (const source of this.consumers.get(table) ?? []) {
      source.push({
        eventID: `local-${sequenceNumber}`,
        eventName: !before ? 'INSERT' : !after ? 'REMOVE' : 'MODIFY',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: this.region,
        eventSourceARN: source.spec.streamArn,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: key,
          ...(after && { NewImage: after }),
          ...(before && { OldImage: before }),
          SequenceNumber: sequenceNumber,
          SizeBytes: Buffer.byteLength(JSON.stringify({ key, before, after })),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
    }
  }
}

export interface StreamSourceSpec {
  readonly streamArn: string;
  readonly batchSize: number;
  /** MaximumBatchingWindowInSeconds, in ms (the local stack may shorten it for tests). */
  readonly windowMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly bisectOnError: boolean;
  /** -1: until the record expires, as in Lambda. */
  readonly maxRetryAttempts: number;
  /** The event filter patterns (FilterCriteria); a record matching none is dropped. */
  readonly filters: readonly unknown[];
  /** The on-failure destination queue's URL, if any. */
  readonly onFailureQueueUrl?: string;
  readonly region: string;
}

/**
 * Lambda's event source mapping for a stream, locally: filters, batches (size or window, whichever
 * first), invokes in order, and on failure retries from the first failed record (a reported
 * `batchItemFailures` sequence number, or the whole batch), halving the batch when it may, until
 * its retries run out; then the batch's position goes to the on-failure queue and the records
 * after it go on, as in Lambda.
 */
export class StreamEventSource {
  private readonly pending: StreamRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly spec: StreamSourceSpec,
    private readonly invoke: (event: unknown) => Promise<unknown>,
    private readonly sqsEndpoint: string,
    private readonly log: (line: string) => void,
  ) {}

  push(record: StreamRecord): void {
    if (this.spec.filters.length > 0 && !this.spec.filters.some((f) => matchesPattern(record, f))) return;
    this.pending.push(record);
    if (this.pending.length >= this.spec.batchSize) this.deliver();
    else this.timer ??= setTimeout(() => this.deliver(), this.spec.windowMs);
  }

  /** Resolves once every record received so far has been delivered (or given up on). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.running) {
      if (!this.running) this.deliver();
      await this.running;
    }
  }

  async stop(): Promise<void> {
    await this.drain();
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private deliver(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.stopped) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.pending.length > 0 && !this.stopped) this.timer ??= setTimeout(() => this.deliver(), 0);
    });
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0) {
      let batch = this.pending.splice(0, this.spec.batchSize);
      let attempts = 0;
      let size = batch.length;
      while (batch.length > 0) {
        const part = batch.slice(0, size);
        const failedFrom = await this.invokeBatch(part);
        if (failedFrom === undefined) {
          batch = batch.slice(part.length);
          size = batch.length;
          attempts = 0;
          continue;
        }
        batch = batch.slice(failedFrom);
        attempts += 1;
        if (this.spec.maxRetryAttempts >= 0 && attempts > this.spec.maxRetryAttempts) {
          await this.giveUp(batch.slice(0, Math.min(size, batch.length)));
          batch = batch.slice(Math.min(size, batch.length));
          size = batch.length;
          attempts = 0;
          continue;
        }
        // A failed batch is halved (BisectBatchOnFunctionError) until one record fails alone.
        if (this.spec.bisectOnError && failedFrom === 0 && size > 1) size = Math.ceil(size / 2);
        await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempts)));
      }
    }
  }

  /** Index of the first record to retry, or undefined when the whole batch succeeded. */
  private async invokeBatch(batch: readonly StreamRecord[]): Promise<number | undefined> {
    let result: unknown;
    try {
      result = await this.invoke({ Records: batch });
    } catch (error) {
      this.log(`stream ${this.spec.streamArn}: batch failed: ${(error as Error).message}`);
      return 0;
    }
    if (!this.spec.reportBatchItemFailures || result === null || typeof result !== 'object') return undefined;
    const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
    if (failures === undefined || failures === null) return undefined;
    if (!Array.isArray(failures)) return 0;
    if (failures.length === 0) return undefined;
    // The lowest reported sequence number is the checkpoint; an unknown one fails the whole batch.
    let first = batch.length;
    for (const f of failures) {
      const id = (f as { itemIdentifier?: unknown })?.itemIdentifier;
      const at = batch.findIndex((r) => r.dynamodb.SequenceNumber === id);
      if (at < 0) return 0;
      first = Math.min(first, at);
    }
    return first;
  }

  private async giveUp(batch: readonly StreamRecord[]): Promise<void> {
    const first = batch[0];
    const last = batch.at(-1);
    if (!first || !last) return;
    this.log(`stream ${this.spec.streamArn}: gave up on ${batch.length} record(s) after retries`);
    if (!this.spec.onFailureQueueUrl) return;
    // Lambda's on-failure record names the batch's position in the stream, not its records.
    const body = {
      requestContext: {
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: this.spec.maxRetryAttempts + 1,
      },
      DDBStreamBatchInfo: {
        shardId: 'local',
        startSequenceNumber: first.dynamodb.SequenceNumber,
        endSequenceNumber: last.dynamodb.SequenceNumber,
        batchSize: batch.length,
        streamArn: this.spec.streamArn,
      },
    };
    await new SQSClient({
      endpoint: this.sqsEndpoint,
      region: this.spec.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }).send(
      new SendMessageCommand({ QueueUrl: this.spec.onFailureQueueUrl, MessageBody: JSON.stringify(body) }),
    );
  }
}

/**
 * Whether an event matches a Lambda event filter pattern: the subset OSS uses (nested objects,
 * lists of values, `prefix` and `exists`). An unknown operator matches nothing, so a filter
 * this runner does not understand shows up as missing records, not extra ones.
 */
export function matchesPattern(event: unknown, pattern: unknown): boolean {
  if (typeof pattern === 'string') return matchesPattern(event, JSON.parse(pattern));
  if (pattern === null || typeof pattern !== 'object') return false;
  if (Array.isArray(pattern)) {
    return pattern.some((rule) => {
      if (rule !== null && typeof rule === 'object') {
        const r = rule as { prefix?: string; exists?: boolean };
        if (typeof r.prefix === 'string') return typeof event === 'string' && event.startsWith(r.prefix);
        if (typeof r.exists === 'boolean') return (event !== undefined) === r.exists;
        return false;
      }
      return event === rule;
    });
  }
  for (const [name, sub] of Object.entries(pattern as Record<string, unknown>)) {
    const value =
      event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[name] : undefined;
    if (Array.isArray(sub)) {
      if (!matchesPattern(value, sub)) return false;
    } else if (value === undefined || !matchesPattern(value, sub)) return false;
  }
  return true;
}
