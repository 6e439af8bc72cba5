/**
 * `npm run bench` — measures the targets of DESIGN.md §8 and prints a table; with `-- --json`
 * the last line is one JSON object. It reports numbers; it never fails on timing.
 */

import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App } from 'aws-cdk-lib';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { BUNDLE, buildAsDeployed } from '../../infra/bundling.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { THAID_PERSONAS } from '../../infra/local/thaid.ts';
import { buildOssApp } from '../../infra/oss-app.ts';
import { OPENAPI_FILE } from '../../shared/data/openapi-document.ts';
import { SUBDISTRICTS_FILE } from '../../shared/data/subdistricts.ts';
import { LIFECYCLE_PRICES, meteredLifecycles } from './lifecycle.ts';
import { type PageWeight, pageWeights } from './pages.ts';
import { recordTour, replayWarm } from './warm-replay.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = path.join(root, '.bench');
const asJson = process.argv.includes('--json');
/** `-- --only=warm` (or `cold`) runs just the warm-CPU (or cold-start) measurement, for profiling iterations. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const say = (line: string) => {
  if (!asJson || process.env.BENCH_VERBOSE) console.error(line);
};

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

const COMPLAINT = (n: number) => ({
  serviceCode: 'complaint',
  provinceCode: '20',
  applicant: { citizenId: '1101700230708', firstName: 'สมชาย', lastName: 'ใจดี' },
  details: { category: 'road', subject: `ถนนชำรุด ${n}` },
  description: 'หลุมบนถนนหน้าตลาด / pothole in front of the market',
});

// ── 1. Bundles ────────────────────────────────────────────────────────────────────────────
/** A bundle built as CDK builds every function (infra/bundling.ts), the reference's too. */
async function bundleOne(
  entry: string,
  outfile: string,
  // The data files CDK copies beside every bundle, and those some functions add (a control reads none).
  dataFiles: readonly string[] = [...BUNDLE.dataFiles, SUBDISTRICTS_FILE, OPENAPI_FILE],
) {
  // Beside it too, as CDK puts them: the side files it loads on first use (not part of its cold start).
  const { metafile } = await buildAsDeployed(entry, outfile, dataFiles);
  const out = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const sdk = [
    ...new Set(
      (out?.imports ?? []).filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path),
    ),
  ].sort();
  return { bytes: out?.bytes ?? 0, sdk };
}

/**
 * Every function's bundle, built exactly as CDK builds it, and for each the control: a bundle
 * that loads only the same bare AWS SDK packages (which the Lambda runtime provides), so the
 * cold-start delta is the cost of our own code and its other dependencies.
 */
async function bundles() {
  rmSync(path.join(work, 'bundles'), { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const sizes: Record<string, number> = {};
  const files: Record<string, string> = {};
  const controlOf: Record<string, string> = {};
  const controls = new Map<string, string>();
  /** The bare SDK packages each control loads (what the cold-start samples load first). */
  const sdkOf: Record<string, string[]> = {};
  const entries = [
    ...readdirSync(path.join(root, 'functions')).map((name) => [
      name,
      path.join(root, 'functions', name, 'handler.ts'),
    ]),
    // The usual way (middy + Powertools logger + zod), measured the same way: not an OSS function.
    [REFERENCE, path.join(root, 'test', 'bench', 'reference', 'handler.ts')],
  ];
  for (const [name, entryFile] of entries as [string, string][]) {
    // `.cjs`: CommonJS under this project's `"type": "module"` (Lambda's index.js has no such scope).
    const outfile = path.join(work, 'bundles', name, 'index.cjs');
    const { bytes, sdk } = await bundleOne(entryFile, outfile);
    sizes[name] = bytes;
    files[name] = outfile;
    const key = sdk.join(',') || 'none';
    if (!controls.has(key)) {
      const entry = path.join(work, `control-${controls.size}.mjs`);
      writeFileSync(
        entry,
        [
          ...sdk.map((p, i) => `import * as sdk${i} from '${p}';`),
          // Construct each bare client, as the functions do at module scope.
          `const clients = [${sdk.map((_, i) => `sdk${i}`).join(', ')}].flatMap((m) => Object.entries(m).filter(([k, v]) => /^[A-Z][A-Za-z0-9]*Client$/.test(k) && k !== 'DynamoDBDocumentClient' && typeof v === 'function').map(([, C]) => { try { return [new C({})]; } catch { return []; } }));`,
          'export const handler = async () => clients.length;',
        ].join('\n'),
      );
      const controlFile = path.join(work, 'bundles', `_control-${controls.size}`, 'index.cjs');
      await bundleOne(entry, controlFile, []);
      controls.set(key, controlFile);
      sdkOf[controlFile] = sdk;
    }
    controlOf[name] = controls.get(key) as string;
  }
  return { sizes, files, controlOf, sdkOf };
}

// ── 2. Cold start: module load in fresh processes, interleaved ───────────────────────────
/**
 * The Node built-ins Lambda's Node.js runtime has loaded before it imports a handler: its runtime
 * interface client (github.com/aws/aws-lambda-nodejs-runtime-interface-client, src/: the Runtime
 * API client needs http, and net for streamed responses; the console patch util and fs; the handler
 * loader fs, path and module; the invoke context assert). A handler that imports them pays nothing
 * for them there, so every sample loads them first, outside the timed part, as the runtime does:
 * with `require` (getBuiltinModule), which leaves their ESM facades to whoever imports them.
 * node:crypto is not among them: the bundles load it on first use (infra/bundle-shims/lazy-crypto.cjs).
 */
const RUNTIME_BUILTINS = ['http', 'net', 'util', 'fs', 'path', 'module', 'assert'];
const runtimePreamble = `for(const m of ${JSON.stringify(RUNTIME_BUILTINS)})process.getBuiltinModule(m);const req=process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});`;

/**
 * Each sample is a fresh process that first imports what the Lambda runtime has loaded (its
 * built-ins, above, and the bare SDK packages a function uses, which it provides; nothing
 * constructed) and then times importing a bundle on
 * top: the function's, or its control's (which constructs the bare clients). The delta is the
 * difference of the two, so the SDK's own 80–180 ms of loading, and its noise, stay outside
 * both measurements; the controls' whole load time is reported beside it.
 */
function coldStart(
  files: Record<string, string>,
  controlOf: Record<string, string>,
  sdkOf: Record<string, string[]>,
  samples = 30,
) {
  const env = {
    ...process.env,
    AWS_REGION: 'ap-southeast-7',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    REQUESTS_TABLE_NAME: 't',
    SERVED_PROVINCES: '20',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
  const load = (script: string) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env,
      cwd: root,
      encoding: 'utf8',
    });
    // The number is the last line (a handler may log above it).
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    const ms = Number(last);
    return Number.isFinite(ms) && r.status === 0 && last !== '' ? ms : undefined;
  };
  const preloads = (control: string) =>
    runtimePreamble + (sdkOf[control] ?? []).map((p) => `req('${p}');`).join('');
  const timed = (control: string, file: string) =>
    `${preloads(control)}const t=performance.now();req(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  // Load plus the first request, for the functions measured warm (intake and the reference): a
  // submission refused by validation, so no AWS call, but every schema its route builds on first
  // use is built and run here. Module load alone would not show what lazy schemas defer.
  const firstRequest = (control: string, file: string) =>
    `${preloads(control)}const t=performance.now();const m=req(${JSON.stringify(file)});const r=await m.handler(${JSON.stringify(REFUSED_SUBMISSION)},{awsRequestId:'cold',functionName:'intake',getRemainingTimeInMillis:()=>1e4});if(r.statusCode!==400)process.exit(3);process.stdout.write('\\n'+String(performance.now()-t));`;
  const firstOf = new Map<string, number[]>(
    Object.entries(files)
      .filter(([name]) => name === 'intake' || name === REFERENCE)
      .map(([, f]) => [f, []]),
  );
  const onTop = new Map<string, number[]>(
    [...Object.values(files), ...Object.values(controlOf)].map((f) => [f, []]),
  );
  const whole = new Map<string, number[]>([...new Set(Object.values(controlOf))].map((f) => [f, []]));
  for (let i = 0; i < samples; i++) {
    for (const control of whole.keys()) {
      const ms = load(
        `${runtimePreamble}const t=performance.now();req(${JSON.stringify(control)});process.stdout.write(String(performance.now()-t));`,
      );
      if (ms !== undefined) whole.get(control)?.push(ms);
      const construct = load(timed(control, control));
      if (construct !== undefined) onTop.get(control)?.push(construct);
    }
    for (const [name, file] of Object.entries(files)) {
      const ms = load(timed(controlOf[name] as string, file));
      if (ms !== undefined) onTop.get(file)?.push(ms);
      const first = firstOf.get(file);
      if (first) {
        const ms = load(firstRequest(controlOf[name] as string, file));
        if (ms === undefined) throw new Error(`${name}: the first (refused) request did not answer 400`);
        first.push(ms);
      }
    }
  }
  // The lower quartile, not the median: on a shared machine the slow samples measure the
  // neighbours; the fast ones are the module's own cost, and they repeat.
  const lowerQuartileOf = (f: string) => percentile(onTop.get(f) ?? [], 25);
  const perFunction: Record<string, number> = {};
  for (const [name, file] of Object.entries(files))
    perFunction[name] = round(lowerQuartileOf(file) - lowerQuartileOf(controlOf[name] as string), 2);
  const controlsMs = Object.fromEntries(
    [...whole].map(([f, ms]) => [path.basename(path.dirname(f)), round(percentile(ms, 25), 1)]),
  );
  const firstRequestDeltaMs = Object.fromEntries(
    Object.entries(files)
      .filter(([, f]) => firstOf.has(f))
      .map(([name, f]) => [
        name,
        round(percentile(firstOf.get(f) ?? [], 25) - lowerQuartileOf(controlOf[name] as string), 2),
      ]),
  );
  return {
    controlsMs,
    perFunction,
    firstRequestDeltaMs,
    worstDeltaMs: Math.max(...Object.values(perFunction)),
  };
}

// ── 3. Warm handler CPU with AWS calls stubbed ───────────────────────────────────────────
const lambdaContext = {
  awsRequestId: 'bench',
  functionName: 'intake',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
const submitEvent = (n: number) =>
  ({
    resource: '/v1/requests',
    path: '/v1/requests',
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: `bench-${n}` },
    body: JSON.stringify(COMPLAINT(n)),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEvent;

/** A submission both intake and the reference refuse with 400 before any AWS call (the citizen ID is not 13 digits). */
const REFUSED_SUBMISSION = {
  ...submitEvent(0),
  requestContext: { requestId: 'cold' },
  body: JSON.stringify({ ...COMPLAINT(0), applicant: { ...COMPLAINT(0).applicant, citizenId: '12345' } }),
};

/** The reference handler's name in the bench's tables. */
const REFERENCE = 'reference-powertools-example';

/** Warm CPU of the reference handler, with the same stubs and events as intake's. */
async function warmCpuReference(iterations = Number(process.env.BENCH_WARM_ITERATIONS ?? 5000)) {
  process.env.QUEUE_URL_PREFIX ??= 'https://sqs.ap-southeast-7.amazonaws.com/000000000000/';
  const ref = await import('./reference/handler.ts');
  const stubs = [
    [ref.documentClient, async () => ({})],
    [ref.sqs, async () => ({ MessageId: 'm' })],
  ] as const;
  for (const [client, stub] of stubs) (client as { send: unknown }).send = stub;
  for (let i = 0; i < 2000; i++) await ref.handler(submitEvent(i), lambdaContext);
  const micros: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const event = submitEvent(i);
    const t0 = process.hrtime.bigint();
    const res = await ref.handler(event, lambdaContext);
    micros.push(Number(process.hrtime.bigint() - t0) / 1000);
    if (res.statusCode !== 201) throw new Error(`reference answered ${res.statusCode}: ${res.body}`);
  }
  return { p50: round(median(micros), 1), p99: round(percentile(micros, 99), 1), iterations };
}

async function warmCpu(iterations = Number(process.env.BENCH_WARM_ITERATIONS ?? 5000)) {
  // Stub the four clients intake uses at their `send`: no network, no SDK middleware, no
  // mock-library bookkeeping in the measured time.
  const { documentClient } = await import('../../shared/adapters/requests-table.ts');
  const { sqs } = await import('../../shared/adapters/queues.ts');
  const { secretsClient } = await import('../../shared/adapters/secrets.ts');
  const { kmsClient } = await import('../../shared/adapters/citizen-id-vault.ts');
  process.env.CITIZEN_ID_KEY_ARN ??= 'arn:aws:kms:ap-southeast-7:000000000000:key/bench';
  const stubs = [
    [documentClient, async () => ({})],
    [sqs, async () => ({ MessageId: 'm' })],
    [secretsClient, async () => ({ SecretString: 'bench-key' })],
    [kmsClient, async () => ({ Plaintext: new Uint8Array(32).fill(7), CiphertextBlob: new Uint8Array(64) })],
  ] as const;
  const originals = stubs.map(([client]) => client.send);
  for (const [client, stub] of stubs) (client as { send: unknown }).send = stub;
  const { handler } = await import('../../functions/intake/handler.ts');
  for (let i = 0; i < 2000; i++) await handler(submitEvent(i), lambdaContext);
  // With every AWS call stubbed the handler never waits on I/O, so its elapsed time on the
  // event loop is its CPU time; hrtime costs ~0.1 µs where process.cpuUsage() costs several.
  const micros: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const event = submitEvent(i);
    const t0 = process.hrtime.bigint();
    const res = await handler(event, lambdaContext);
    micros.push(Number(process.hrtime.bigint() - t0) / 1000);
    if (res.statusCode !== 201) throw new Error(`intake answered ${res.statusCode}`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const meanCpuMicros = round((cpu.user + cpu.system) / iterations, 1);
  stubs.forEach(([client], i) => {
    (client as { send: unknown }).send = originals[i];
  });
  return { p50: round(median(micros), 1), p99: round(percentile(micros, 99), 1), meanCpuMicros, iterations };
}

// ── 4. AWS calls per submission, counted by SDK middleware against the local emulators ───
async function awsCallsPerSubmission(stack: Awaited<ReturnType<typeof startLocalStack>>, n = 100) {
  const [intakeFn] = stack.functionsNamed('intake');
  if (!intakeFn) throw new Error('no intake function');
  const env = intakeFn.spec.environment;
  for (const key of [
    'REQUESTS_TABLE_NAME',
    'HASH_KEY_SECRET_ID',
    'OSS_ENV',
    'QUEUE_URL_PREFIX',
    'SERVED_PROVINCES',
    'CITIZEN_ID_KEY_ARN',
  ]) {
    process.env[key] = env[key];
  }
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: stack.endpoints.secretsManager,
    AWS_ENDPOINT_URL_KMS: stack.endpoints.secretsManager,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  const counts: Record<string, number> = {};
  const counting =
    (service: string) =>
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown) => {
      const key = `${service}:${context.commandName ?? '?'}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return next(args);
    };
  const { documentClient } = await import('../../shared/adapters/requests-table.ts');
  const { sqs } = await import('../../shared/adapters/queues.ts');
  const { secretsClient } = await import('../../shared/adapters/secrets.ts');
  documentClient.middlewareStack.add(counting('dynamodb') as never, {
    step: 'initialize',
    name: 'benchCount',
  });
  sqs.middlewareStack.add(counting('sqs') as never, { step: 'initialize', name: 'benchCount' });
  secretsClient.middlewareStack.add(counting('secretsmanager') as never, {
    step: 'initialize',
    name: 'benchCount',
  });
  const { kmsClient } = await import('../../shared/adapters/citizen-id-vault.ts');
  kmsClient.middlewareStack.add(counting('kms') as never, { step: 'initialize', name: 'benchCount' });
  const { handler } = await import('../../functions/intake/handler.ts');
  for (let i = 0; i < n; i++) {
    const res = await handler(submitEvent(100_000 + i), lambdaContext);
    if (res.statusCode !== 201) throw new Error(`intake answered ${res.statusCode}: ${res.body}`);
  }
  const perSubmission: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) perSubmission[k] = round(v / n, 3);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { perSubmission, total: round(total / n, 3), atInit: 0 };
}

// ── 5. Cost model ─────────────────────────────────────────────────────────────────────────
/**
 * Published on-demand prices (USD, AWS public pricing pages, US East (N. Virginia), as the
 * author knew them in 2025; ap-southeast-7 publishes its own, typically 10–30 % higher —
 * check before budgeting). Per million of each unit.
 */
const PRICES = {
  apiGatewayRestPerMillion: 3.5,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  dynamoWriteRequestUnitsPerMillion: 0.625,
  dynamoReadRequestUnitsPerMillion: 0.125,
  sqsFifoRequestsPerMillion: 0.5,
  secretsManagerPerTenThousandCalls: 0.05,
  source:
    'AWS public pricing pages (API Gateway REST, Lambda arm64, DynamoDB on-demand, SQS FIFO), us-east-1, 2025',
};

function costPerMillion(intakeMs: number, routerMs: number) {
  const gb = 0.5; // 512 MB functions
  // Intake: API call + Lambda + 1 write of a ~2 KB item (2 WRU) + 3 small GSI writes + 1 FIFO send.
  // Router: Lambda (batched 10) + 1 strongly consistent read (1 RRU) + 1 write (2 WRU + GSIs) + 1 send + counters (1 WRU).
  const perSubmission = {
    apiGateway: PRICES.apiGatewayRestPerMillion / 1e6,
    lambda:
      (2 * PRICES.lambdaRequestsPerMillion) / 1e6 +
      ((intakeMs + routerMs) / 1000) * gb * PRICES.lambdaArmGbSecond,
    dynamodb:
      ((2 + 3 + 2 + 3 + 1) * PRICES.dynamoWriteRequestUnitsPerMillion +
        1 * PRICES.dynamoReadRequestUnitsPerMillion) /
      1e6,
    sqs: (4 * PRICES.sqsFifoRequestsPerMillion) / 1e6, // send + receive + delete on intake, send on the agency queue
  };
  const total = Object.values(perSubmission).reduce((a, b) => a + b, 0);
  return {
    usd: round(total * 1e6, 2),
    breakdown: Object.fromEntries(Object.entries(perSubmission).map(([k, v]) => [k, round(v * 1e6, 3)])),
  };
}

// ── 6. End to end over HTTP at concurrency 32 ────────────────────────────────────────────
async function endToEnd(stack: Awaited<ReturnType<typeof startLocalStack>>, count = 1000, concurrency = 32) {
  const latencies: number[] = [];
  const ids: string[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const t0 = performance.now();
        const res = await fetch(`${stack.url}/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(COMPLAINT(n)),
        });
        const body = (await res.json()) as { requestId?: string };
        latencies.push(performance.now() - t0);
        if (res.status === 201 && body.requestId) ids.push(body.requestId);
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Every acknowledged request must reach its agency queue exactly once (complaints in 20 → damrongdhama-20).
  const sqs = new SQSClient({
    endpoint: stack.endpoints.sqs,
    region: 'ap-southeast-7',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
  const queueUrl =
    'https://sqs.ap-southeast-7.amazonaws.com/000000000000/oss-dev-agency-damrongdhama-20.fifo';
  const seen = new Map<string, number>();
  const wanted = new Set(ids);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && [...wanted].some((id) => !seen.has(id))) {
    const r = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 600,
      }),
    );
    for (const m of r.Messages ?? []) {
      const id = (JSON.parse(m.Body ?? '{}') as { requestId?: string }).requestId ?? '';
      if (wanted.has(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  sqs.destroy();
  const lost = ids.filter((id) => !seen.has(id)).length + failures;
  const duplicated = [...seen.values()].filter((c) => c > 1).length;
  return {
    rps: round(count / seconds),
    p50Ms: round(median(latencies)),
    p99Ms: round(percentile(latencies, 99)),
    lost,
    duplicated,
    count,
    concurrency,
  };
}

/** The emulators' own ceiling: the same writes (one put, one FIFO send) straight from a loop. */
async function emulatorCeiling(
  stack: Awaited<ReturnType<typeof startLocalStack>>,
  count = 1000,
  concurrency = 32,
) {
  const [intakeFn] = stack.functionsNamed('intake');
  const table = intakeFn?.spec.environment.REQUESTS_TABLE_NAME ?? '';
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const ddb = new DynamoDBClient({
    endpoint: stack.endpoints.dynamodb,
    region: 'ap-southeast-7',
    credentials,
  });
  const sqs = new SQSClient({
    endpoint: stack.endpoints.sqs,
    region: 'ap-southeast-7',
    credentials,
    useQueueUrlAsEndpoint: false,
  });
  const queueUrl = 'https://sqs.ap-southeast-7.amazonaws.com/000000000000/oss-dev-intake-93.fifo'; // no consumer traffic from the e2e run
  const item = JSON.stringify(COMPLAINT(0)).repeat(3); // about the size of a stored request item
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        await ddb.send(
          new PutItemCommand({
            TableName: table,
            Item: { pk: { S: `CEILING#${n}` }, sk: { S: 'X' }, body: { S: item } },
          }),
        );
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: `{"n":${n}}`,
            MessageGroupId: `g${n}`,
            MessageDeduplicationId: `ceiling-${n}`,
          }),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  ddb.destroy();
  sqs.destroy();
  return round(count / seconds);
}

// ── 7. Nation-scale synth ─────────────────────────────────────────────────────────────────
async function synthAll() {
  const t0 = performance.now();
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], provinces: 'all' } });
  const stage = buildOssApp(app);
  const assembly = stage.synth();
  const inProcessSeconds = (performance.now() - t0) / 1000;
  let maxResources = 0;
  let largest = '';
  for (const s of assembly.stacks) {
    const n = Object.keys((s.template as { Resources: object }).Resources).length;
    if (n > maxResources) [maxResources, largest] = [n, s.stackName];
  }
  // The real command, bundling included, as an administrator runs it.
  const out = mkdtempSync(path.join(tmpdir(), 'oss-synth-'));
  const t1 = performance.now();
  await promisify(execFile)(
    path.join(root, 'node_modules/.bin/cdk'),
    ['synth', '--quiet', '-c', 'provinces=all', '-o', out],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const cliSeconds = (performance.now() - t1) / 1000;
  rmSync(out, { recursive: true, force: true });
  return {
    seconds: round(cliSeconds, 2),
    inProcessSeconds: round(inProcessSeconds, 2),
    maxResources,
    largest,
    stacks: assembly.stacks.length,
  };
}

// ── Run everything ───────────────────────────────────────────────────────────────────────
/** Page weights and paint in chromium against a fresh local stack (`--only=pages` runs just this). */
async function pages(stack: Awaited<ReturnType<typeof startLocalStack>>) {
  const weights = await pageWeights(stack.url, THAID_PERSONAS[0]?.pid ?? '');
  return weights;
}

function pageRows(weights: readonly PageWeight[]): Array<[string, string, string]> {
  return weights.map((w) => [
    `page ${w.page}`,
    `JS ${round(w.jsGzipBytes / 1024)} KB gz, total ${round(w.transferGzipBytes / 1024)} KB (${w.requests} requests), LCP ${w.lcpMs} ms`,
    w.jsGzipBytes <= 30 * 1024 && w.transferGzipBytes <= 200 * 1024
      ? '≤ 30 KB JS, ≤ 200 KB ✓'
      : 'over budget ✗',
  ]);
}

async function main() {
  if (only === 'lifecycle') {
    const life = await meteredLifecycles(Number(process.env.BENCH_LIFECYCLES ?? 20));
    console.log(asJson ? JSON.stringify({ lifecycle: life }) : JSON.stringify(life, null, 2));
    return;
  }
  if (only === 'pages') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oss-bench-'));
    const stack = await startLocalStack({ port: 0, dataDir, log: () => {}, functionLogLevel: 'ERROR' });
    try {
      const weights = await pages(stack);
      console.log(
        asJson
          ? JSON.stringify({ pages: weights })
          : pageRows(weights)
              .map((r) => r.join('   '))
              .join('\n'),
      );
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return;
  }
  if (only === 'cold') {
    const { files, controlOf, sdkOf } = await bundles();
    const cold = coldStart(files, controlOf, sdkOf);
    console.log(
      JSON.stringify({
        coldStartDeltaByFunctionMs: cold.perFunction,
        coldFirstRequestDeltaMs: cold.firstRequestDeltaMs,
        controlsMs: cold.controlsMs,
      }),
    );
    return;
  }
  if (only === 'warm') {
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-7',
      REQUESTS_TABLE_NAME: 'bench',
      HASH_KEY_SECRET_ID: 'bench',
      OSS_ENV: 'bench',
      QUEUE_URL_PREFIX: 'https://sqs.ap-southeast-7.amazonaws.com/000000000000/',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    const intake = await warmCpu();
    const reference = await warmCpuReference();
    const byFunction = await replayWarm(await recordTour());
    console.log(JSON.stringify({ intake, reference, warmCpuByFunctionMicros: byFunction }));
    return;
  }
  // The functions' own settings as the local stack gives them; tracing off (no X-Ray daemon here).
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-7',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    OSS_FUNCTION: 'intake',
  });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  say(`OSS benchmark on ${machine}`);
  say('1/7 bundles…');
  const { sizes, files, controlOf, sdkOf } = await bundles();
  say('2/7 cold start (30 samples per bundle, interleaved)…');
  const cold = coldStart(files, controlOf, sdkOf);
  say('3/7 local stack for AWS call counting and end to end…');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oss-bench-'));
  const stack = await startLocalStack({ port: 0, dataDir, log: () => {}, functionLogLevel: 'ERROR' });
  let calls: Awaited<ReturnType<typeof awsCallsPerSubmission>>;
  let e2e: Awaited<ReturnType<typeof endToEnd>>;
  let ceiling: number;
  let weights: PageWeight[];
  try {
    say('   page weights and paint in chromium…');
    weights = await pages(stack);
    calls = await awsCallsPerSubmission(stack);
    say('4/7 end to end, 1000 submissions at concurrency 32…');
    e2e = await endToEnd(stack);
    say('5/7 emulator ceiling…');
    ceiling = await emulatorCeiling(stack);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // After the real-endpoint phases: the intake module keeps its configuration once loaded.
  say('   whole lifecycles on a metered stack (units as DynamoDB, SQS, Lambda and API Gateway bill them)…');
  const life = await meteredLifecycles(Number(process.env.BENCH_LIFECYCLES ?? 20));
  say('6/7 warm handler CPU (AWS calls stubbed)…');
  const warm = await warmCpu();
  const warmReference = await warmCpuReference();
  say('   every function: a tour of the product recorded on a local stack, replayed warm…');
  const warmByFunction = await replayWarm(await recordTour());
  say('7/7 nation-scale synth…');
  const synth = await synthAll();
  const cost = costPerMillion(warm.p50 / 1000 + 15, 25); // handler CPU plus modelled I/O wait, per invocation

  const result = {
    bundles: sizes,
    coldStartDeltaMs: Math.max(
      ...Object.entries(cold.perFunction)
        .filter(([k]) => k !== REFERENCE)
        .map(([, v]) => v),
    ),
    coldStartDeltaByFunctionMs: cold.perFunction,
    /** Load plus a first request refused by validation, over the control's load: what deferring costs later. */
    coldFirstRequestDeltaMs: cold.firstRequestDeltaMs,
    reference: {
      what: 'middy + Powertools logger + zod, one put and one send (test/bench/reference/handler.ts)',
      coldStartDeltaMs: cold.perFunction[REFERENCE],
      warmCpuMicros: { p50: warmReference.p50, p99: warmReference.p99 },
    },
    warmCpuMicros: { p50: warm.p50, p99: warm.p99 },
    /**
     * Every function's own invocations from a recorded tour (real events from the local API, real
     * AWS answers), replayed warm with each answer given at once: p50/p99 over all of them.
     */
    warmCpuByFunctionMicros: warmByFunction,
    awsCallsPerSubmission: calls.total,
    costPerMillionUsd: cost.usd,
    e2e: {
      rps: e2e.rps,
      p50Ms: e2e.p50Ms,
      p99Ms: e2e.p99Ms,
      lost: e2e.lost,
      ceilingRatio: round(e2e.rps / ceiling, 3),
    },
    synthAll: { seconds: synth.seconds, maxResources: synth.maxResources },
    pages: weights,
    lifecycle: {
      wru: life.units.wru,
      rru: life.units.rru,
      sqsRequests: life.units.sqsRequests,
      lambdaInvocations: life.units.lambdaInvocations,
      lambdaGbSeconds: life.units.lambdaGbSeconds,
      apiCalls: life.units.apiCalls,
      s3Requests: life.units.s3Requests,
      dynamodbUnitsBy: life.units.dynamodbUnitsBy,
      meanPutItemBytes: life.units.meanPutItemBytes,
    },
    costPerMillionLifecyclesUsd: life.costPerMillionLifecyclesUsd,
    lifecycleCostBreakdownUsd: life.breakdownUsd,
    backendToApiCostRatio: life.backendToApiCostRatio,
    prices: LIFECYCLE_PRICES.source,
  };

  const rows: Array<[string, string, string]> = [
    ['machine', machine, ''],
    ...Object.entries(sizes).map(([k, v]): [string, string, string] => [
      `bundle ${k}`,
      `${round(v / 1024)} KB`,
      v <= 400 * 1024 ? '≤ 400 KB ✓' : '> 400 KB ✗',
    ]),
    [
      'cold start: controls (same bare SDK packages)',
      Object.entries(cold.controlsMs)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', '),
      '',
    ],
    ...Object.entries(cold.perFunction).map(([k, v]): [string, string, string] => [
      `cold start delta ${k}`,
      `${v} ms`,
      v <= 10 ? '≤ 10 ms ✓' : '> 10 ms ✗',
    ]),
    ...Object.entries(cold.firstRequestDeltaMs).map(([k, v]): [string, string, string] => [
      `cold load + first (refused) request ${k}`,
      `${v} ms`,
      'what schemas built on first use cost then',
    ]),
    ['warm intake CPU p50', `${warm.p50} µs`, warm.p50 <= 15 ? '≤ 15 µs ✓' : '> 15 µs ✗'],
    [
      'warm CPU of the reference handler (Powertools example)',
      `p50 ${warmReference.p50} µs, p99 ${warmReference.p99} µs`,
      `intake/reference p50 ${round(warm.p50 / warmReference.p50, 2)}`,
    ],
    ['warm intake CPU p99', `${warm.p99} µs`, warm.p99 <= 100 ? '≤ 100 µs ✓' : '> 100 µs ✗'],
    [
      'warm intake CPU mean (process.cpuUsage)',
      `${warm.meanCpuMicros} µs`,
      `over ${warm.iterations} invocations, incl. GC`,
    ],
    ...Object.entries(warmByFunction).map(([k, v]): [string, string, string] => [
      `warm CPU ${k} (recorded tour, replayed)`,
      v.replayed > 0 ? `p50 ${v.p50} µs, p99 ${v.p99} µs` : 'not replayed',
      [
        `${v.replayed} recorded invocation(s)`,
        ...(v.invocations.length > 1
          ? [
              `slowest ${[...v.invocations].sort((a, b) => b.p50 - a.p50)[0]?.what} p50 ${Math.max(...v.invocations.map((x) => x.p50))} µs`,
            ]
          : []),
        ...(v.excluded.length > 0
          ? [`${v.excluded.length} left out: ${[...new Set(v.excluded)].join('; ')}`]
          : []),
        ...(v.diverged > 0 ? [`${v.diverged} replays answered otherwise ✗`] : []),
      ].join(', '),
    ]),
    [
      'AWS calls per submission',
      `${calls.total} (${Object.entries(calls.perSubmission)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      '1 write + 1 send',
    ],
    [
      'cost per million submissions',
      `$${cost.usd} (${Object.entries(cost.breakdown)
        .map(([k, v]) => `${k} $${v}`)
        .join(', ')})`,
      PRICES.source,
    ],
    ['e2e submissions/s (c=32)', `${e2e.rps}`, `p50 ${e2e.p50Ms} ms, p99 ${e2e.p99Ms} ms`],
    ['e2e lost / duplicated', `${e2e.lost} / ${e2e.duplicated}`, `of ${e2e.count}`],
    ['emulator ceiling (same writes, c=32)', `${ceiling}/s`, `ratio ${result.e2e.ceilingRatio}`],
    [
      'synth all 77 provinces (cdk synth)',
      `${synth.seconds} s`,
      `in-process ${synth.inProcessSeconds} s, ${synth.stacks} stacks`,
    ],
    ['largest stack', `${synth.maxResources} resources`, `${synth.largest} (limit 500)`],
    [
      'lifecycle (file → route → accept → ask → reply → resume → complete → read → rate)',
      `${life.units.wru} WRU, ${life.units.rru} RRU, ${life.units.sqsRequests} SQS, ${life.units.lambdaInvocations} invocations (${life.units.lambdaGbSeconds} GB-s), ${life.units.apiCalls} API calls`,
      `mean item written ${life.units.meanPutItemBytes} B`,
    ],
    [
      'cost per million lifecycles',
      `$${life.costPerMillionLifecyclesUsd} (${Object.entries(life.breakdownUsd)
        .map(([k, v]) => `${k} $${v}`)
        .join(', ')})`,
      `backend/API ${life.backendToApiCostRatio} (target ≤ 0.5); ${LIFECYCLE_PRICES.source}`,
    ],
    ...pageRows(weights),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const table = rows.map(([a, b, c]) => `${a.padEnd(width)}  ${b}${c ? `   ${c}` : ''}`).join('\n');
  if (asJson) {
    if (process.env.BENCH_VERBOSE) console.error(table);
    console.log(JSON.stringify(result));
  } else {
    console.log(table);
  }
}

await main();
process.exit(0);
