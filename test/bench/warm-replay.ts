import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionSpec, RecordedInvocation } from '../../infra/local/functions.ts';
import { THAID_PERSONAS } from '../../infra/local/thaid.ts';
import { ENV } from '../../shared/env.ts';
import { withCheckDigit } from '../support/citizen-ids.ts';
import { SAMPLE_DETAILS } from '../support/items.ts';
import { eventually, http, postForm, startTestStack } from '../support/local-stack.ts';
import { officerOf, oneLifecycle } from './lifecycle.ts';

/**
 * Warm CPU of every function, not only intake's: each function's own invocations, recorded on the
 * local stack during a tour of the product (a whole lifecycle, the catalogue, Open311, statistics,
 * documents, a bill paid through the bank stand-in, a ThaiD sign-in), then replayed in a worker
 * of its own with every AWS SDK call answered at once from the recording (DESIGN §8: AWS calls
 * stubbed). The answers are real ones, so each function takes the path it took on the stack.
 */

export interface Recorded {
  readonly spec: FunctionSpec;
  readonly invocations: RecordedInvocation[];
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const root = path.resolve(import.meta.dirname, '../..');
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A function's name in the bench's tables: its folder under functions/. */
export const functionLabel = (spec: FunctionSpec) => path.basename(path.dirname(spec.entry));

/** Runs the tour on a fresh local stack and returns each function's recorded invocations. */
export async function recordTour(): Promise<Map<string, Recorded>> {
  const recorded = new Map<string, Recorded>();
  const { stack, dataDir, dispose } = await startTestStack(undefined, {
    recordInvocations: recorderInto(recorded),
  });
  const ok = <R extends { status: number; text: string }>(what: string, r: R): R => {
    if (r.status >= 400) throw new Error(`tour: ${what} → ${r.status} ${r.text.slice(0, 300)}`);
    return r;
  };
  try {
    const agency = 'damrongdhama-20';
    const officer = await officerOf(dataDir, agency);
    let last = { requestId: '' };
    for (let i = 0; i < 3; i++) last = await oneLifecycle(stack.url, agency, officer, 900 + i);
    for (const route of [
      '/v1/services',
      '/v1/services/complaint',
      '/v1/provinces',
      '/v1/provinces/20/districts',
      '/v1/districts/2001/subdistricts',
      '/v1/stats?provinceCode=20',
      '/v1/stats',
      '/open311/v2/services.json?jurisdiction_id=20',
      '/open311/v2/services/complaint.json?jurisdiction_id=20',
      '/open311/v2/requests.json?jurisdiction_id=20',
      `/open311/v2/requests/${last.requestId}.json?jurisdiction_id=20`,
    ])
      ok(route, await http(stack.url, 'GET', route));
    for (const route of [
      `/v1/agencies/${agency}/requests?status=COMPLETED`,
      `/v1/agencies/${agency}/requests/${last.requestId}`,
    ])
      ok(route, await http(stack.url, 'GET', route, { headers: officer }));

    /** Files a request for `serviceCode` with the tests' sample details; `serial` makes its citizen. */
    const file = async (serviceCode: string, serial: string, extra: Record<string, unknown> = {}) =>
      ok(
        serviceCode,
        await http(stack.url, 'POST', '/v1/requests', {
          body: {
            serviceCode,
            provinceCode: '20',
            applicant: { citizenId: withCheckDigit(serial), firstName: 'สมชาย', lastName: 'ใจดี' },
            details: SAMPLE_DETAILS[serviceCode],
            ...extra,
          },
        }),
      ).json as { requestId: string; accessToken: string; bill?: { ref1: string } };
    /** Waits until the filer's view of the request passes `check`. */
    const untilStatus = (
      filed: { requestId: string; accessToken: string },
      check: (status: string) => boolean,
    ) =>
      eventually(async () => {
        const r = await http(stack.url, 'GET', `/v1/requests/${filed.requestId}`, {
          headers: { authorization: `Bearer ${filed.accessToken}` },
        });
        return check(String(r.json?.status)) ? true : undefined;
      });

    // Documents: two uploads through presigned POSTs; the verifier judges them, the router routes.
    const house = await file('house-number', '310060000950', { districtCode: '2001' });
    for (const type of ['building-permit-copy', 'land-title-copy']) {
      const slot = ok(
        'document slot',
        await http(stack.url, 'POST', `/v1/requests/${house.requestId}/documents`, {
          headers: { authorization: `Bearer ${house.accessToken}` },
          body: { type, contentType: 'application/pdf', sizeBytes: PDF.length },
        }),
      );
      if ((await postForm(slot.json.upload, PDF, `${type}.pdf`)) !== 204)
        throw new Error('tour: upload refused');
    }
    await untilStatus(house, (status) => status === 'ROUTED');

    // A fee: the bill's Thai QR, then the bank stand-in pays it and calls back.
    const hotel = await file('hotel-fee-pao', '370000000950');
    if (!hotel.bill) throw new Error('tour: the hotel levy was filed without a bill');
    const paid = await fetch(`${stack.bank.url}/test/pay`, {
      method: 'POST',
      body: JSON.stringify({ ref1: hotel.bill.ref1 }),
    });
    if (paid.status >= 300) throw new Error(`tour: the bank stand-in answered ${paid.status}`);
    await untilStatus(hotel, (status) => status !== 'AWAITING_PAYMENT');

    // ThaiD: the stand-in signs a persona in (login_hint), then the session reads "my requests".
    const cookies = await signInWithThaid(stack.url, THAID_PERSONAS[0]?.pid ?? '');
    for (const route of ['/v1/me', '/v1/me/requests'])
      ok(route, await http(stack.url, 'GET', route, { headers: { cookie: cookies } }));

    // A statistics delta parked for retry, as the counter parks one whose update failed.
    const retryQueueUrl = stack.functionsNamed('stats-counter')[0]?.spec.environment[ENV.statsRetryQueueUrl];
    if (!retryQueueUrl) throw new Error('tour: no statistics retry queue');
    const sqs = new SQSClient({
      endpoint: stack.endpoints.sqs,
      region: 'ap-southeast-7',
      credentials: LOCAL_CREDENTIALS,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: retryQueueUrl,
        MessageBody: JSON.stringify({
          requestId: house.requestId,
          version: 4,
          provinceCode: '20',
          serviceCode: 'house-number',
          deltas: { status_ROUTED: 1, status_SUBMITTED: -1 },
        }),
      }),
    );
    sqs.destroy();
    const recordedLabels = () => new Set([...recorded.values()].map((r) => functionLabel(r.spec)));
    await eventually(async () => (recordedLabels().has('stats-retry') ? true : undefined));
    // The schedules' functions (deadline sweeper, reconcilers), once each, as their next tick.
    await stack.runSchedulesNow();
    await new Promise((r) => setTimeout(r, 500));
    await stack.drainStreams();
    const missed = readdirSync(path.join(root, 'functions')).filter((name) => !recordedLabels().has(name));
    if (missed.length > 0) throw new Error(`tour: no invocation of ${missed.join(', ')} was recorded`);
    return recorded;
  } finally {
    await stack.stop();
    dispose();
  }
}

/** Collects each function's recorded invocations into `recorded`, by the function's key. */
export function recorderInto(recorded: Map<string, Recorded>) {
  return (spec: FunctionSpec, invocation: RecordedInvocation) => {
    const entry = recorded.get(spec.key) ?? { spec, invocations: [] };
    entry.invocations.push(invocation);
    recorded.set(spec.key, entry);
  };
}

/** Follows the sign-in's redirects by hand, keeping cookies, and returns the session's cookie header. */
async function signInWithThaid(url: string, pid: string): Promise<string> {
  const jar = new Map<string, string>();
  let current = `${url}/v1/auth/thaid/login?returnTo=${encodeURIComponent('/my-requests')}&login_hint=${pid}`;
  for (let hop = 0; hop < 8; hop++) {
    const res = await fetch(current, {
      redirect: 'manual',
      headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    for (const c of res.headers.getSetCookie()) {
      const [name = '', ...rest] = (c.split(';')[0] ?? '').split('=');
      if (/Max-Age=0/i.test(c)) jar.delete(name);
      else jar.set(name, rest.join('='));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) break;
    current = new URL(location, current).toString();
  }
  if (!jar.has('oss_session'))
    throw new Error(`tour: ThaiD sign-in left no session (cookies: ${[...jar.keys()]})`);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export interface WarmReplay {
  readonly p50: number;
  readonly p99: number;
  /** Each replayed invocation's own median: what it was (route, service, batch) and its p50. */
  readonly invocations: readonly { readonly what: string; readonly p50: number }[];
  /** Distinct recorded invocations replayed, and those left out (with why). */
  readonly replayed: number;
  readonly excluded: readonly string[];
  /** Timed replays whose outcome differed from the recording's (should be 0). */
  readonly diverged: number;
}

/** Replays each function's recorded invocations warm, one worker per function, one at a time. */
export async function replayWarm(
  recorded: Map<string, Recorded>,
  iterations = Number(process.env.BENCH_WARM_ITERATIONS ?? 5000),
): Promise<Record<string, WarmReplay>> {
  const out: Record<string, WarmReplay> = {};
  const byLabel = [...recorded.values()].sort((a, b) =>
    functionLabel(a.spec).localeCompare(functionLabel(b.spec)),
  );
  for (const { spec, invocations } of byLabel) {
    const label = functionLabel(spec);
    if (out[label]) continue; // one of a per-province function's copies is enough
    const result = await new Promise<{
      micros: number[];
      byInvocation: Map<number, number[]>;
      replayed: number;
      excluded: string[];
      diverged: number;
    }>((resolve, reject) => {
      const worker = new Worker(new URL('./warm-replay-worker.mjs', import.meta.url), {
        // SILENT: a replay left out says why in the results; its error lines would only be noise.
        env: { ...spec.environment, POWERTOOLS_LOG_LEVEL: 'SILENT' },
        workerData: {
          entryUrl: pathToFileURL(path.join(root, spec.entry)).href,
          functionName: spec.name,
          invocations,
          iterations,
          warmup: Math.min(2000, iterations),
        },
      });
      worker.once('message', (m) => {
        resolve(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    out[label] = {
      p50: quantile(result.micros, 0.5),
      p99: quantile(result.micros, 0.99),
      invocations: [...result.byInvocation].map(([index, micros]) => ({
        what: whatWasInvoked(invocations[index]?.event),
        p50: quantile(micros, 0.5),
      })),
      replayed: result.replayed,
      excluded: result.excluded,
      diverged: result.diverged,
    };
  }
  return out;
}

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return at === undefined ? Number.NaN : Math.round(at * 10) / 10;
}

/** An invocation in a few words: an API route (and the service filed), a batch, or a schedule. */
function whatWasInvoked(event: unknown): string {
  const e = event as {
    httpMethod?: string;
    resource?: string;
    body?: string | null;
    Records?: { eventSource?: string }[];
  };
  if (e?.httpMethod) {
    const service = /"serviceCode":"([^"]+)"/.exec(e.body ?? '')?.[1];
    return `${e.httpMethod} ${e.resource}${service ? ` (${service})` : ''}`;
  }
  if (Array.isArray(e?.Records)) return `${e.Records[0]?.eventSource ?? 'batch'} × ${e.Records.length}`;
  return 'scheduled or start-up event';
}
