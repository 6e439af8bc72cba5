import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { Meter, type MeterReading } from '../../infra/local/meter.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { withCheckDigit } from '../support/citizen-ids.ts';

/**
 * On-demand list prices (USD per million units unless named), AWS public pricing pages, read for
 * US East (N. Virginia) as of 2025. Asia Pacific (Thailand, ap-southeast-7) publishes its own,
 * typically 10–30 % higher: the ratios below hold, the dollars need the region's table.
 */
export const LIFECYCLE_PRICES = {
  apiGatewayRest: 3.5,
  lambdaRequests: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  dynamoWru: 0.625,
  dynamoRru: 0.125,
  sqsFifoRequests: 0.5,
  s3Put: 5,
  s3Get: 0.4,
  source:
    'AWS public pricing, us-east-1, 2025 (API Gateway REST, Lambda arm64, DynamoDB on-demand, SQS FIFO, S3 Standard)',
} as const;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function diff(a: MeterReading, b: MeterReading, n: number) {
  const per = (x: number, y: number) => round((y - x) / n);
  const byKey = (x: Record<string, number>, y: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(y)
        .map((k) => [k, per(x[k] ?? 0, y[k] ?? 0)] as const)
        .filter(([, v]) => v > 0),
    );
  return {
    wru: per(a.dynamodb.wru, b.dynamodb.wru),
    rru: per(a.dynamodb.rru, b.dynamodb.rru),
    dynamodbCalls: byKey(a.dynamodb.calls, b.dynamodb.calls),
    dynamodbUnitsBy: byKey(a.dynamodb.unitsBy, b.dynamodb.unitsBy),
    meanPutItemBytes: Math.round(
      (b.dynamodb.putBytes - a.dynamodb.putBytes) /
        Math.max(1, (b.dynamodb.calls.PutItem ?? 0) - (a.dynamodb.calls.PutItem ?? 0)),
    ),
    sqsRequests: per(a.sqs.requests, b.sqs.requests),
    sqsCalls: byKey(a.sqs.calls, b.sqs.calls),
    s3Requests: { put: per(a.s3.put, b.s3.put), get: per(a.s3.get, b.s3.get) },
    lambdaInvocations: round(
      Object.values(b.lambda.invocations).reduce((s, v) => s + v, 0) / n -
        Object.values(a.lambda.invocations).reduce((s, v) => s + v, 0) / n,
    ),
    lambdaByFunction: byKey(a.lambda.invocations, b.lambda.invocations),
    lambdaGbSeconds: round((b.lambda.gbSeconds - a.lambda.gbSeconds) / n, 5),
    apiCalls: per(a.api, b.api),
  };
}
export type LifecycleUnits = ReturnType<typeof diff>;

/** What one million lifecycles cost by service, and the backend (ours) against API Gateway (fixed). */
export function lifecycleCost(u: LifecycleUnits) {
  const p = LIFECYCLE_PRICES;
  const usd = {
    apiGateway: u.apiCalls * p.apiGatewayRest,
    lambda: u.lambdaInvocations * p.lambdaRequests + u.lambdaGbSeconds * 1e6 * p.lambdaArmGbSecond,
    dynamodb: u.wru * p.dynamoWru + u.rru * p.dynamoRru,
    sqs: u.sqsRequests * p.sqsFifoRequests,
    s3: (u.s3Requests.put * p.s3Put) / 1000 + (u.s3Requests.get * p.s3Get) / 1000,
  };
  const total = Object.values(usd).reduce((s, v) => s + v, 0);
  const backend = usd.lambda + usd.dynamodb + usd.sqs;
  return {
    costPerMillionLifecyclesUsd: round(total, 2),
    breakdownUsd: Object.fromEntries(Object.entries(usd).map(([k, v]) => [k, round(v, 2)])),
    backendToApiCostRatio: round(backend / usd.apiGateway, 3),
  };
}

/** An officer's bearer header for `agency`, signed by the local stack's agency token issuer. */
export async function officerOf(dataDir: string, agency: string) {
  return { authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), agency)}` };
}

/**
 * One whole lifecycle over HTTP, as a citizen and an officer would: file a complaint, wait for the
 * router to put it in the centre's inbox, accept, ask for information, reply, resume, complete,
 * read the result and rate it. `i` makes the citizen ID unique.
 */
export async function oneLifecycle(url: string, agency: string, officer: Record<string, string>, i: number) {
  const call = async (method: string, route: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 400) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const filed = (await call(
    'POST',
    '/v1/requests',
    {},
    {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: {
        citizenId: withCheckDigit(`3100${String(600_000_00 + i).padStart(8, '0')}`),
        firstName: 'สมชาย',
        lastName: 'ใจดี',
        phone: '0812345678',
      },
      details: { category: 'road', subject: 'ถนนชำรุด' },
    },
  )) as { requestId: string; accessToken: string };
  const citizen = { authorization: `Bearer ${filed.accessToken}` };
  let handle: string | undefined;
  for (let tries = 0; !handle && tries < 50; tries++) {
    const inbox = (await call('GET', `/v1/agencies/${agency}/inbox?max=10&waitSeconds=2`, officer)) as {
      items: { receiptHandle: string; request: { requestId: string } }[];
    };
    handle = inbox.items.find((x) => x.request.requestId === filed.requestId)?.receiptHandle;
  }
  if (!handle) throw new Error('the request never reached the inbox');
  const act = (action: string, extra: Record<string, unknown> = {}) =>
    call('POST', `/v1/agencies/${agency}/requests/${filed.requestId}/actions`, officer, {
      action,
      ...extra,
    });
  await act('accept', { receiptHandle: handle, note: 'รับเรื่อง' });
  await act('request-info', { note: 'ขอทราบจุดที่ชำรุด' });
  await call('POST', `/v1/requests/${filed.requestId}/reply`, citizen, { message: 'หน้าโรงเรียน' });
  await act('resume');
  await act('complete', { note: 'ซ่อมแล้ว' });
  await call('GET', `/v1/requests/${filed.requestId}`, citizen);
  await call('POST', `/v1/requests/${filed.requestId}/rating`, citizen, { score: 5 });
  return filed;
}

/**
 * Runs `n` whole request lifecycles over HTTP against a metered local stack, as a citizen and an
 * officer would: file a complaint, the router routes it, the centre reads its inbox and accepts,
 * asks for information, the citizen replies, the centre resumes and completes, the citizen reads
 * the result and rates it. Everything the functions consumed on the way, divided by `n`.
 */
export async function meteredLifecycles(n = 20) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oss-bench-life-'));
  const meter = new Meter();
  const stack = await startLocalStack({ port: 0, dataDir, log: () => {}, functionLogLevel: 'ERROR', meter });
  try {
    const agency = 'damrongdhama-20';
    const officer = await officerOf(dataDir, agency);
    // Let start-up work (reconciler, stand-ins) settle before the meter is read.
    await new Promise((r) => setTimeout(r, 500));
    await stack.drainStreams();
    const before = meter.snapshot();
    for (let i = 0; i < n; i++) await oneLifecycle(stack.url, agency, officer, i);
    // The reply's inbox copy lands after the last action; the statistics counters follow the
    // table's stream in batches (the template's window, ten seconds), the last one drained here.
    await new Promise((r) => setTimeout(r, 1000));
    await stack.drainStreams();
    const units = diff(before, meter.snapshot(), n);
    return { lifecycles: n, units, ...lifecycleCost(units) };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
