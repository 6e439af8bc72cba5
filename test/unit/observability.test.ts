import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAsDeployed } from '../../infra/bundling.ts';
import { metrics, observability } from '../../shared/observability.ts';

const context = {
  awsRequestId: 'test',
  functionName: 'observability-test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/** Every EMF document written to stdout while `run` ran (Powertools writes one JSON line per publish). */
async function emfWrittenBy(run: () => Promise<unknown>) {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown[] } });
}

describe('metrics built on first use', () => {
  const handler = middy(async (event: { record: number; fail?: boolean }) => {
    if (event.record > 0) metrics.addMetric('TestRecorded', 'Count', event.record);
    if (event.fail) throw new Error('boom');
    return 'ok';
  }).use(observability());

  afterEach(() => vi.restoreAllMocks());

  it('an invocation that records nothing publishes nothing', async () => {
    expect(await emfWrittenBy(() => handler({ record: 0 }, context))).toEqual([]);
  });

  it('what an invocation records is published once, in the OSS namespace, when it ends', async () => {
    const docs = await emfWrittenBy(() => handler({ record: 2 }, context));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ TestRecorded: 2, service: expect.any(String) });
    expect(JSON.stringify(docs[0]?._aws.CloudWatchMetrics)).toContain('"Namespace":"OSS"');
    // Published, so the next invocation starts empty.
    expect(await emfWrittenBy(() => handler({ record: 0 }, context))).toEqual([]);
  });

  it('is published when the handler throws, too', async () => {
    const docs = await emfWrittenBy(() => handler({ record: 1, fail: true }, context).catch(() => undefined));
    expect(docs.map((d) => d.TestRecorded)).toEqual([1]);
  });
});

describe('the logger opens stdout when it first writes a line', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const work = mkdtempSync(path.join(tmpdir(), 'oss-stdout-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const handlers = readdirSync(path.join(root, 'functions'));
  const bundleOf = (name: string) => path.join(work, name, 'index.cjs');

  // Built as CDK builds them (what Lambda loads), beside the data files they read.
  beforeAll(async () => {
    const entries: [string, string][] = [
      ...handlers.map((f): [string, string] => [f, path.join(root, 'functions', f, 'handler.ts')]),
      ['observability', path.join(root, 'shared/observability.ts')],
    ];
    await Promise.all(
      entries.map(async ([name, entry]) => {
        await buildAsDeployed(entry, bundleOf(name));
      }),
    );
  }, 60_000);

  /**
   * In a fresh Node process, notes whether process.stdout has been read (Node opens the stream on
   * its first read), loads the given bundles, then runs `then` with the observability bundle's
   * `logger` in scope. Returns whether stdout was opened before and after, and the JSON lines
   * printed. stderr is not watched: Lambda's runtime has opened it before any handler loads (its
   * node:assert does, through Node's colour detection), while it writes its own logs to a file
   * descriptor of its own and leaves stdout unopened.
   */
  function stdoutOpened(bundles: readonly string[], then: string) {
    const script = [
      'let opened = false;',
      "const own = Object.getOwnPropertyDescriptor(process, 'stdout');",
      "Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true,",
      '  get() { opened = true; return own.get.call(process); } });',
      `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});`,
      `for (const f of ${JSON.stringify(bundles)}) req(f);`,
      `const { logger } = req(${JSON.stringify(bundleOf('observability'))});`,
      'const beforeLine = opened;',
      then,
      "process.stdout.write('\\n' + JSON.stringify({ beforeLine, afterLine: opened }));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_REGION: 'ap-southeast-7',
        REQUESTS_TABLE_NAME: 't',
        SERVED_PROVINCES: '20',
        OSS_FUNCTION: 'stdout-test',
        // Where the bundles find the AWS SDK, as Lambda's runtime finds its own (NODE_PATH there too).
        NODE_PATH: path.join(root, 'node_modules'),
        POWERTOOLS_DEV: '',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    return {
      ...(JSON.parse(lines.at(-1) ?? '{}') as Record<'beforeLine' | 'afterLine', boolean>),
      printed: lines.slice(0, -1).filter((l) => l.startsWith('{')),
      errors: run.stderr.split('\n').filter((l) => l.startsWith('{')),
    };
  }

  it('no function’s bundle opens stdout as it loads', () => {
    expect(handlers.length).toBeGreaterThan(15);
    expect(stdoutOpened(handlers.map(bundleOf), '').beforeLine).toBe(false);
  });

  it('its first line opens stdout, as Powertools’ structured JSON (errors to stderr)', () => {
    const seen = stdoutOpened(
      [],
      "logger.info('first line', { requestId: 'r-1' }); logger.error('then an error');",
    );
    expect(seen.beforeLine).toBe(false);
    expect(seen.afterLine).toBe(true);
    expect(seen.printed.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'first line',
        requestId: 'r-1',
        service: 'stdout-test',
      }),
    ]);
    expect(seen.errors.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'ERROR', message: 'then an error', service: 'stdout-test' }),
    ]);
  });
});
