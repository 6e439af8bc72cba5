import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { type LocalStackOptions, startLocalStack } from '../../infra/local/stack.ts';
import { fromStored } from '../../shared/adapters/request-record.ts';

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;

/**
 * Starts the local stack on a random port in a fresh data folder; `dispose` removes the folder.
 * Table stream batches go within 100 ms rather than the template's ten seconds; a test that reads
 * the statistics after an action still waits for them with `stack.drainStreams()`.
 */
export async function startTestStack(
  dataDir = mkdtempSync(path.join(tmpdir(), 'oss-it-')),
  options: Pick<LocalStackOptions, 'recordInvocations'> = {},
) {
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    log: () => {},
    functionLogLevel: 'ERROR',
    streamBatchingWindowMs: 100,
    ...options,
  });
  return { stack, dataDir, dispose: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function http(
  base: string,
  method: string,
  route: string,
  opts: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const init: RequestInit = { method, headers: { ...opts.headers } };
  if (opts.raw !== undefined || opts.body !== undefined) {
    init.body = opts.raw ?? JSON.stringify(opts.body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${route}`, init);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Uploads bytes through a presigned POST as a browser form would (multipart/form-data). */
export async function postForm(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  filename: string,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([bytes]), filename);
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return res.status;
}

/** The requests table of a running local stack, read directly (to see what is stored, not what is shown). */
export function requestTable(stack: LocalStack) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const name = stack.functionsNamed('intake')[0]?.spec.environment.REQUESTS_TABLE_NAME ?? '';
  return {
    client,
    name,
    /** A request's record as stored, unpacked if it was packed (shared/adapters/request-record.ts). */
    stored: async (id: string) => {
      const got = await client.send(
        new GetCommand({ TableName: name, Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' } }),
      );
      return got.Item && (fromStored(got.Item) as Record<string, any>);
    },
    /** A request's item exactly as DynamoDB holds it. */
    raw: async (id: string) =>
      (await client.send(new GetCommand({ TableName: name, Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' } })))
        .Item as Record<string, any> | undefined,
    close: () => client.destroy(),
  };
}

/** Local agency tokens for these agencies, from the stack's own issuer. */
export async function agencyTokens(dataDir: string, agencyIds: readonly string[]) {
  const issuer = await loadOrCreateIssuer(dataDir);
  const tokens = new Map<string, string>();
  for (const a of agencyIds) tokens.set(a, await signAgencyToken(issuer, a));
  return tokens;
}

/** `npm run oss -- …` as its own process, against this stack (async: the stack serves from this process). */
export async function runOss(stack: LocalStack, dataDir: string, ...args: string[]) {
  const root = path.resolve(import.meta.dirname, '../..');
  try {
    const r = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/cli.ts', ...args],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, OSS_API_URL: stack.url, OSS_DATA_DIR: dataDir, OSS_BANK_URL: stack.bank.url },
      },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * An Open311 API key issued against this stack's table, the way `npm run oss -- dev-api-key`
 * issues one (this process then talks to the local DynamoDB for keys).
 */
export async function localApiKey(stack: LocalStack, clientName: string): Promise<string> {
  const [intake] = stack.functionsNamed('intake');
  process.env.REQUESTS_TABLE_NAME = intake?.spec.environment.REQUESTS_TABLE_NAME;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.endpoints.dynamodb;
  process.env.AWS_REGION = 'ap-southeast-7';
  const { issueApiKey } = await import('../../shared/app/api-keys.ts');
  return issueApiKey(clientName);
}
