import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../../infra/local/stack.ts';

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;

/** Starts the local stack on a random port in a fresh data folder; `dispose` removes the folder. */
export async function startTestStack(dataDir = mkdtempSync(path.join(tmpdir(), 'oss-it-'))) {
  const stack = await startLocalStack({ port: 0, dataDir, log: () => {}, functionLogLevel: 'ERROR' });
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
