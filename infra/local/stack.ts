import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSite } from '../../web/build.ts';
import { ENTRY_METADATA_KEY, LOCAL_STARTUP_EVENT_METADATA_KEY } from '../constructs/service-function.ts';
import { loadOrCreateIssuer, verifyAgencyToken } from './agency-tokens.ts';
import { apiGatewayServer, routesFrom } from './api-gateway.ts';
import { LOCAL_BANK_ID, presentedBill, startBankStandIn } from './bank.ts';
import { StreamEventSource, TableStreams } from './dynamodb-streams.ts';
import { LOCAL_REGION, startEmulators } from './emulators.ts';
import { type FunctionSpec, LocalFunction, type RecordedInvocation } from './functions.ts';
import { resolve } from './intrinsics.ts';
import { type Meter, meterDynamo, meterSqsS3 } from './meter.ts';
import { provision } from './resources.ts';
import { corsRulesFrom, startS3CorsFront } from './s3-cors.ts';
import { queueNotificationsFrom, S3NotificationBridge } from './s3-notifications.ts';
import { Schedules, schedulesFrom } from './schedules.ts';
import { siteServer } from './site.ts';
import { SqsEventSource } from './sqs-event-source.ts';
import { cdkJsonContext, synthesizeApp } from './template.ts';
import { startThaidStandIn } from './thaid.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalStackOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  readonly dataDir?: string;
  /** CDK context on top of cdk.json's, like `cdk synth -c key=value`. */
  readonly context?: Record<string, unknown>;
  readonly log?: (line: string) => void;
  /** Skip the start-up invocations (tests that want to see stranded requests first). */
  readonly skipStartupEvents?: boolean;
  /** Powertools log level inside the functions (default INFO; tests use ERROR). */
  readonly functionLogLevel?: string;
  /** Meter what the functions consume (the bench): DynamoDB units, SQS and S3 requests, Lambda, API calls. */
  readonly meter?: Meter;
  /**
   * Deliver table stream batches after at most this long instead of the template's batching
   * window (tests, which cannot wait ten seconds for the statistics).
   */
  readonly streamBatchingWindowMs?: number;
  /**
   * Receives every successful invocation with the AWS calls it made and their answers (the
   * bench's warm replay of each function, test/bench/warm-replay.ts).
   */
  readonly recordInvocations?: (spec: FunctionSpec, invocation: RecordedInvocation) => void;
}

export interface LocalStack {
  readonly url: string;
  readonly dataDir: string;
  readonly endpoints: { dynamodb: string; sqs: string; s3: string; secretsManager: string };
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** The local ThaiD stand-in (DESIGN.md §9). */
  readonly thaid: { readonly issuer: string };
  /** The local bank stand-in (DESIGN.md §10): `POST <url>/test/pay`, its signed inquiry endpoint. */
  readonly bank: { readonly url: string; readonly id: string; readonly secret: string };
  /** Function by its source folder name (`intake`, `router`…); several for per-province functions. */
  functionsNamed(name: string): LocalFunction[];
  /** Resolves once every table stream record written so far has reached its function. */
  drainStreams(): Promise<void>;
  /** Runs every schedule's targets once, now (sweeper, reconcilers), and waits for them. */
  runSchedulesNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the whole system on this machine from the synthesized CDK app: emulators, resources,
 * functions (their source, in worker threads with the template's environment), the API, SQS
 * event sources, schedules and bucket notifications.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(options.dataDir ?? path.join(projectRoot, '.oss-data'));
  mkdirSync(dataDir, { recursive: true });

  const stacks = synthesizeApp({ ...cdkJsonContext(projectRoot), ...options.context });
  const emulators = await startEmulators(dataDir);
  const state = await provision(stacks, emulators);
  const meter = options.meter;
  // Table streams (dynalite has none): a proxy in front of it records every item change.
  const streams = new TableStreams(emulators.dynamodb, LOCAL_REGION);
  const streamFront = await streams.start();
  const meters = meter
    ? [await meterDynamo(streamFront.url, meter), await meterSqsS3(emulators.sqsAndS3, meter)]
    : [];
  const [meteredDynamo, meteredSqsS3] = meters;
  // Browsers upload documents straight to the bucket: S3's CORS, from the bucket's own rules.
  const s3Front = await startS3CorsFront(meteredSqsS3?.url ?? emulators.sqsAndS3, corsRulesFrom(stacks));
  const endpoints = {
    dynamodb: meteredDynamo?.url ?? streamFront.url,
    sqs: meteredSqsS3?.url ?? emulators.sqsAndS3,
    s3: s3Front.url,
    secretsManager: emulators.secretsManager,
  };

  const baseEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    // The same local endpoint answers the two KMS operations the citizen-ID vault uses.
    AWS_ENDPOINT_URL_KMS: endpoints.secretsManager,
    OSS_S3_FORCE_PATH_STYLE: 'true',
    AWS_LAMBDA_LOG_FORMAT: 'JSON',
    POWERTOOLS_LOG_LEVEL: options.functionLogLevel ?? process.env.OSS_LOG_LEVEL ?? 'INFO',
    // No X-Ray daemon locally; logs and EMF metrics still go to the console.
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };

  const functions = new Map<string, LocalFunction>();
  const startupEvents: Array<{ fn: LocalFunction; event: unknown }> = [];
  for (const stack of stacks) {
    const scope = state.scopeOf(stack);
    for (const [id, r] of Object.entries(stack.resources)) {
      if (r.Type !== 'AWS::Lambda::Function') continue;
      const entry = r.Metadata?.[ENTRY_METADATA_KEY];
      if (typeof entry !== 'string') continue; // CDK's own helper functions (custom resources)
      const props = r.Properties ?? {};
      const variables = resolve(
        (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
        scope,
      ) as Record<string, unknown>;
      const key = `${stack.stackName}/${id}`;
      const spec: FunctionSpec = {
        key,
        name: state.resources.get(key)?.ref ?? id,
        entry,
        environment: {
          ...baseEnv,
          ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])),
          AWS_LAMBDA_FUNCTION_NAME: state.resources.get(key)?.ref ?? id,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.MemorySize ?? 128),
        },
        timeoutSeconds: Number(props.Timeout ?? 3),
        memorySize: Number(props.MemorySize ?? 128),
      };
      const record = options.recordInvocations;
      const fn = new LocalFunction(spec, projectRoot, record && ((invocation) => record(spec, invocation)));
      if (meter) {
        const invoke = fn.invoke.bind(fn);
        fn.invoke = async (event: unknown) => {
          const started = performance.now();
          try {
            return await invoke(event);
          } finally {
            meter.countInvocation(spec.name, performance.now() - started, spec.memorySize);
          }
        };
      }
      functions.set(key, fn);
      const startup = r.Metadata?.[LOCAL_STARTUP_EVENT_METADATA_KEY];
      if (startup) startupEvents.push({ fn, event: startup });
    }
  }
  const functionOfRef = (stack: (typeof stacks)[number], value: unknown): LocalFunction | undefined => {
    const name = String(resolve(value, state.scopeOf(stack)));
    return [...functions.values()].find(
      (f) => f.spec.name === name || name.endsWith(`:function:${f.spec.name}`),
    );
  };

  const queueUrlOfArn = (arn: string) =>
    [...state.resources.values()].find((q) => q.attributes.Arn === arn && q.attributes.QueueUrl)?.attributes
      .QueueUrl;

  // SQS and table stream event source mappings.
  const sources: SqsEventSource[] = [];
  for (const stack of stacks) {
    for (const r of Object.values(stack.resources)) {
      if (r.Type !== 'AWS::Lambda::EventSourceMapping') continue;
      const props = r.Properties ?? {};
      const fn = functionOfRef(stack, props.FunctionName);
      const arn = String(resolve(props.EventSourceArn, state.scopeOf(stack)));
      const queue = [...state.resources.values()].find(
        (q) => q.attributes.Arn === arn && q.attributes.QueueUrl,
      );
      const streamedTable = [...state.resources.values()].find((t) => t.attributes.StreamArn === arn);
      if (fn && streamedTable) {
        const destination = (
          resolve(props.DestinationConfig, state.scopeOf(stack)) as
            | { OnFailure?: { Destination?: string } }
            | undefined
        )?.OnFailure?.Destination;
        const windowMs = Number(props.MaximumBatchingWindowInSeconds ?? 0) * 1000;
        const onFailureQueueUrl = destination ? queueUrlOfArn(destination) : undefined;
        streams.subscribe(
          streamedTable.ref,
          new StreamEventSource(
            {
              streamArn: arn,
              batchSize: Number(props.BatchSize ?? 100),
              windowMs: Math.min(windowMs, options.streamBatchingWindowMs ?? windowMs),
              reportBatchItemFailures: ((props.FunctionResponseTypes as string[] | undefined) ?? []).includes(
                'ReportBatchItemFailures',
              ),
              bisectOnError:
                props.BisectBatchOnFunctionError === true || props.BisectBatchOnFunctionError === 'true',
              maxRetryAttempts: Number(props.MaximumRetryAttempts ?? -1),
              filters: (
                (props.FilterCriteria as { Filters?: { Pattern?: string }[] } | undefined)?.Filters ?? []
              ).map((f) => f.Pattern ?? '{}'),
              ...(onFailureQueueUrl && { onFailureQueueUrl }),
              region: LOCAL_REGION,
            },
            (event) => fn.invoke(event),
            emulators.sqsAndS3,
            log,
          ),
        );
        continue;
      }
      if (!fn || !queue) continue;
      const source = new SqsEventSource(
        {
          queueUrl: queue.attributes.QueueUrl as string,
          queueArn: arn,
          batchSize: Number(props.BatchSize ?? 10),
          reportBatchItemFailures: ((props.FunctionResponseTypes as string[] | undefined) ?? []).includes(
            'ReportBatchItemFailures',
          ),
          maxConcurrency: Number(
            (props.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency ?? 5,
          ),
          region: LOCAL_REGION,
        },
        (event) => {
          // Lambda's poller: one receive and one batch delete per batch it hands the function.
          if (meter) meter.sqs.requests += 2;
          return fn.invoke(event);
        },
        // The poller itself is not metered: AWS's long-polls differently from this one, when idle.
        emulators.sqsAndS3,
        log,
      );
      sources.push(source);
    }
  }

  // Bucket notifications to queues.
  const notificationConfigs = stacks.flatMap((stack) =>
    Object.values(stack.resources)
      .filter((r) => r.Type === 'Custom::S3BucketNotifications')
      .map((r) => ({
        bucket: String(resolve(r.Properties?.BucketName, state.scopeOf(stack))),
        config: resolve(r.Properties?.NotificationConfiguration ?? {}, state.scopeOf(stack)) as {
          QueueConfigurations?: unknown[];
        },
      })),
  );
  const bridge = new S3NotificationBridge(
    emulators.fauxqs,
    queueNotificationsFrom(notificationConfigs, queueUrlOfArn),
    endpoints.sqs,
    LOCAL_REGION,
    log,
  );

  // Schedules.
  const schedules = new Schedules(
    schedulesFrom(stacks, (stack, target) => functionOfRef(stack, target)),
    log,
  );

  // API.
  const issuer = await loadOrCreateIssuer(dataDir);
  const server = apiGatewayServer({
    routes: routesFrom(stacks),
    functions,
    verifyToken: async (token) => (await verifyAgencyToken(issuer, token)) as Record<string, unknown>,
    log,
    ...(meter && { onRoute: () => meter.api++ }),
    site: siteServer({ dir: await ensureSite(), uploadOrigin: new URL(s3Front.url).origin, issuer }),
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 3000, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The ThaiD stand-in, registered as the relying party's provider in its secret.
  const thaid = await startThaidStandIn(dataDir);
  const thaidClient = {
    clientId: 'oss-local',
    clientSecret: emulators.secrets.ensure('local-thaid-client-secret'),
    redirectUri: `${url}/v1/auth/thaid/callback`,
  };
  thaid.register(thaidClient);
  for (const fn of functions.values()) {
    const secretId = fn.spec.environment.THAID_SECRET_ID;
    if (secretId) emulators.secrets.set(secretId, JSON.stringify({ issuer: thaid.issuer, ...thaidClient }));
  }
  const requestsTable = [...state.resources.entries()].find(([k]) => k.endsWith('/RequestsTable'))?.[1].ref;

  // The bank stand-in, registered in the bank-settings secret with its shared secret and inquiry URL.
  const bankSecret = emulators.secrets.ensure('local-bank-callback-secret');
  const bank = await startBankStandIn({
    dataDir,
    callbackUrl: `${url}/v1/payments/bank-callback`,
    secret: bankSecret,
    lookupBill: (ref1) => presentedBill(endpoints.dynamodb, String(requestsTable), ref1),
  });
  for (const fn of functions.values()) {
    const secretId = fn.spec.environment.BANK_SECRET_ID;
    if (secretId) {
      emulators.secrets.set(
        secretId,
        JSON.stringify({ [LOCAL_BANK_ID]: { secret: bankSecret, inquiryUrl: bank.inquiryUrl } }),
      );
    }
  }
  writeFileSync(
    path.join(dataDir, 'endpoints.json'),
    JSON.stringify({ api: url, ...endpoints, region: LOCAL_REGION, requestsTable, bank: bank.url }, null, 2),
  );

  for (const s of sources) s.start();
  bridge.start();
  schedules.start();
  if (!options.skipStartupEvents) {
    for (const { fn, event } of startupEvents) {
      try {
        log(`start-up: ${fn.spec.name} → ${JSON.stringify(await fn.invoke(event))}`);
      } catch (error) {
        log(`start-up: ${fn.spec.name} failed: ${(error as Error).message}`);
      }
    }
  }

  let stopped = false;
  return {
    url,
    dataDir,
    endpoints,
    functions,
    thaid: { issuer: thaid.issuer },
    bank: { url: bank.url, id: LOCAL_BANK_ID, secret: bankSecret },
    functionsNamed: (name) =>
      [...functions.values()].filter((f) => f.spec.entry === `functions/${name}/handler.ts`),
    drainStreams: () => Promise.all(streams.sources.map((s) => s.drain())).then(() => undefined),
    runSchedulesNow: () => schedules.runNow(),
    async stop() {
      if (stopped) return;
      stopped = true;
      schedules.stop();
      bridge.stop();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await thaid.stop();
      await bank.stop();
      await Promise.all(sources.map((s) => s.stop()));
      // Whatever the table's stream still holds reaches its function before the functions stop.
      await streams.stop();
      await Promise.all([...functions.values()].map((f) => f.stop()));
      for (const front of [s3Front, ...meters]) {
        await new Promise<void>((ok) => {
          front.server.close(() => ok());
          front.server.closeAllConnections();
        });
      }
      await emulators.stop();
    },
  };
}
