import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
