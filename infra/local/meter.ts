import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the local stack consumed, in the units AWS bills: DynamoDB read and write request units
 * (as DynamoDB reports them: every call is made to ask `ReturnConsumedCapacity: INDEXES`), SQS
 * requests (each 64 KB of payload a request), S3 requests, Lambda invocations and GB-seconds,
 * and API calls. The bench reads it before and after a workload.
 */
export class Meter {
  readonly dynamodb = {
    calls: {} as Record<string, number>,
    rru: 0,
    wru: 0,
    /** Units by operation and by where they went (the table, or each index). */
    unitsBy: {} as Record<string, number>,
    /** Bytes of the items written whole (PutItem), by DynamoDB's size rules. */
    putBytes: 0,
  };
  readonly sqs = { calls: {} as Record<string, number>, requests: 0 };
  readonly s3 = { put: 0, get: 0, other: 0 };
  readonly lambda = { invocations: {} as Record<string, number>, gbSeconds: 0 };
  api = 0;

  snapshot(): MeterReading {
    return JSON.parse(
      JSON.stringify({
        dynamodb: this.dynamodb,
        sqs: this.sqs,
        s3: this.s3,
        lambda: this.lambda,
        api: this.api,
      }),
    ) as MeterReading;
  }

  countInvocation(fn: string, millis: number, memoryMb: number): void {
    this.lambda.invocations[fn] = (this.lambda.invocations[fn] ?? 0) + 1;
    // Lambda bills by the millisecond, at least 1 ms.
    this.lambda.gbSeconds += (Math.max(1, Math.ceil(millis)) / 1000) * (memoryMb / 1024);
  }
}

export interface MeterReading {
  dynamodb: {
    calls: Record<string, number>;
    rru: number;
    wru: number;
    unitsBy: Record<string, number>;
    putBytes: number;
  };
  sqs: { calls: Record<string, number>; requests: number };
  s3: { put: number; get: number; other: number };
  lambda: { invocations: Record<string, number>; gbSeconds: number };
  api: number;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const CAPACITY_OPS = new Set([
  ...READS,
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

export async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function forward(
  target: URL,
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/** A DynamoDB attribute value in the wire format. */
type AttributeValue = Record<string, unknown>;
type Item = Record<string, AttributeValue>;
interface IndexShape {
  readonly name: string;
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly include: readonly string[];
}
interface TableShape {
  readonly keys: readonly string[];
  readonly indexes: readonly IndexShape[];
}

/** An item's size by DynamoDB's rules (names plus values; numbers approximated by their digits). */
function valueSize(v: AttributeValue): number {
  const [type, value] = Object.entries(v)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(value));
    case 'N':
      return Math.ceil(String(value).replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
    case 'B':
      return Buffer.from(String(value), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'L':
      return 3 + (value as AttributeValue[]).reduce((s, x) => s + 1 + valueSize(x), 0);
    case 'M':
      return 3 + itemSize(value as Item) + Object.keys(value as Item).length;
    default:
      return (value as unknown[]).reduce<number>((s, x) => s + Buffer.byteLength(String(x)), 0);
  }
}
export const itemSize = (item: Item) =>
  Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The write units a table write costs in each global secondary index (dynalite reports only the table's). */
export function indexWriteUnits(table: TableShape, before: Item | undefined, after: Item | undefined) {
  const out: Record<string, number> = {};
  const projected = (index: IndexShape, item: Item): Item =>
    index.projection === 'ALL'
      ? item
      : Object.fromEntries(
          Object.entries(item).filter(
            ([k]) => table.keys.includes(k) || index.keys.includes(k) || index.include.includes(k),
          ),
        );
  for (const index of table.indexes) {
    const has = (item: Item | undefined) => Boolean(item && index.keys.every((k) => item[k] !== undefined));
    const same = (a: Item, b: Item) => JSON.stringify(a) === JSON.stringify(b);
    let units = 0;
    if (has(after) && !has(before)) units = writeUnits(itemSize(projected(index, after as Item)));
    else if (!has(after) && has(before)) units = writeUnits(itemSize(projected(index, before as Item)));
    else if (has(after) && has(before)) {
      const a = projected(index, before as Item);
      const b = projected(index, after as Item);
      const keyChanged = index.keys.some((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      // A changed index key is a delete and a put; changed projected values one write; no change, none.
      if (keyChanged) units = writeUnits(itemSize(a)) + writeUnits(itemSize(b));
      else if (!same(a, b)) units = writeUnits(itemSize(b));
    }
    if (units > 0) out[index.name] = units;
  }
  return out;
}

/**
 * A metering proxy in front of the DynamoDB emulator: asks every call for its consumed capacity
 * (table and indexes), adds it to the meter, and hands the caller the response it would have got
 * (without the capacity it did not ask for).
 */
export async function meterDynamo(target: string, meter: Meter): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const shapes = new Map<string, Promise<TableShape | undefined>>();
  const shapeOf = (name: string, req: IncomingMessage) => {
    if (!shapes.has(name)) {
      const describe = Buffer.from(JSON.stringify({ TableName: name }));
      const headers = { ...req.headers, 'x-amz-target': 'DynamoDB_20120810.DescribeTable' };
      shapes.set(
        name,
        forward(upstream, { headers, method: 'POST', url: '/' }, describe)
          .then((r) => {
            const t = (JSON.parse(r.body.toString('utf8')) as { Table?: Record<string, unknown> }).Table;
            if (!t) return undefined;
            const keysOf = (schema: unknown) =>
              (schema as { AttributeName: string }[]).map((k) => k.AttributeName);
            return {
              keys: keysOf(t.KeySchema),
              indexes: ((t.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[]).map((g) => {
                const p = g.Projection as { ProjectionType?: string; NonKeyAttributes?: string[] };
                return {
                  name: String(g.IndexName),
                  keys: keysOf(g.KeySchema),
                  projection: (p?.ProjectionType ?? 'ALL') as IndexShape['projection'],
                  include: p?.NonKeyAttributes ?? [],
                };
              }),
            };
          })
          .catch(() => undefined),
      );
    }
    return shapes.get(name) as Promise<TableShape | undefined>;
  };
  return listen(
    createServer(async (req, res) => {
      const raw = await bodyOf(req);
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      let body = raw;
      let asked = true;
      let askedValues = true;
      let input: Record<string, unknown> = {};
      const itemWrite = op === 'PutItem' || op === 'DeleteItem' || op === 'UpdateItem';
      if (CAPACITY_OPS.has(op)) {
        input = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
        asked = input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== 'NONE';
        askedValues = !itemWrite || (input.ReturnValues !== undefined && input.ReturnValues !== 'NONE');
        body = Buffer.from(
          JSON.stringify({
            ...input,
            ReturnConsumedCapacity: 'INDEXES',
            // The old item, to work out what the write did to each index.
            ...(!askedValues && { ReturnValues: op === 'UpdateItem' ? 'ALL_NEW' : 'ALL_OLD' }),
          }),
        );
      }
      meter.dynamodb.calls[op] = (meter.dynamodb.calls[op] ?? 0) + 1;
      if (op === 'PutItem' && input.Item) meter.dynamodb.putBytes += itemSize(input.Item as Item);
      const r = await forward(upstream, req, body).catch(() => undefined);
      if (!r) {
        res.writeHead(502);
        res.end();
        return;
      }
      let out = r.body;
      if (CAPACITY_OPS.has(op) && r.status === 200) {
        const parsed = JSON.parse(r.body.toString('utf8') || '{}') as { ConsumedCapacity?: unknown };
        const list = ([] as unknown[]).concat(parsed.ConsumedCapacity ?? []) as (Capacity & {
          Table?: Capacity;
          GlobalSecondaryIndexes?: Record<string, Capacity>;
        })[];
        const add = (key: string, units: number | undefined) => {
          meter.dynamodb.unitsBy[key] = (meter.dynamodb.unitsBy[key] ?? 0) + (units ?? 0);
        };
        for (const c of list) {
          const units = c.CapacityUnits ?? 0;
          if (READS.has(op)) meter.dynamodb.rru += units;
          else meter.dynamodb.wru += units;
          add(`${op}:table`, c.Table?.CapacityUnits ?? (c.GlobalSecondaryIndexes ? undefined : units));
          for (const [index, u] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
            add(`${op}:${index}`, u.CapacityUnits);
        }
        if (itemWrite && !askedValues) {
          const shape = await shapeOf(String(input.TableName), req);
          const returned = (parsed as { Attributes?: Item }).Attributes;
          if (shape && shape.indexes.length > 0) {
            // PutItem: old from the response, new from the request; DeleteItem: old only;
            // UpdateItem: new only (counted as a change to each index it belongs to).
            const before = op === 'UpdateItem' ? undefined : returned;
            const after =
              op === 'PutItem' ? (input.Item as Item) : op === 'UpdateItem' ? returned : undefined;
            for (const [index, units] of Object.entries(indexWriteUnits(shape, before, after))) {
              meter.dynamodb.wru += units;
              add(`${op}:${index}`, units);
            }
          }
          delete (parsed as { Attributes?: unknown }).Attributes;
        }
        if (!asked) delete parsed.ConsumedCapacity;
        if (!asked || (itemWrite && !askedValues)) out = Buffer.from(JSON.stringify(parsed));
      }
      const headers = { ...r.headers, 'content-length': String(out.length) };
      delete (headers as Record<string, unknown>)['x-amz-crc32'];
      res.writeHead(r.status, headers as Record<string, string>);
      res.end(out);
    }),
  );
}

/** A metering proxy in front of the SQS + S3 emulator: SQS requests (64 KB chunks) and S3 requests. */
export async function meterSqsS3(target: string, meter: Meter): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  return listen(
    createServer(async (req, res) => {
      const raw = await bodyOf(req);
      const sqsTarget = String(req.headers['x-amz-target'] ?? '');
      if (sqsTarget.startsWith('AmazonSQS.')) {
        const op = sqsTarget.slice('AmazonSQS.'.length);
        meter.sqs.calls[op] = (meter.sqs.calls[op] ?? 0) + 1;
        meter.sqs.requests += Math.max(1, Math.ceil(raw.length / 65_536));
      } else if (req.method === 'PUT' || req.method === 'POST') meter.s3.put++;
      else if (req.method === 'GET' || req.method === 'HEAD') meter.s3.get++;
      else meter.s3.other++;
      const r = await forward(upstream, req, raw).catch(() => undefined);
      if (!r) {
        res.writeHead(502);
        res.end();
        return;
      }
      if (sqsTarget === 'AmazonSQS.ReceiveMessage' && r.body.length > 65_536) {
        meter.sqs.requests += Math.ceil(r.body.length / 65_536) - 1;
      }
      res.writeHead(r.status, r.headers as Record<string, string>);
      res.end(r.body);
    }),
  );
}

export async function listen(server: Server): Promise<{ url: string; server: Server }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
