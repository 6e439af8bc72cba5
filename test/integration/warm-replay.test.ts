import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedInvocation } from '../../infra/local/functions.ts';
import { functionLabel, type Recorded, recorderInto, replayWarm } from '../bench/warm-replay.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { SAMPLE_DETAILS } from '../support/items.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

/**
 * The bench's warm CPU of every function (test/bench/warm-replay.ts): the local stack records each
 * invocation with its AWS calls, and a replay answers those calls from the recording. What is
 * checked here is that the recording holds what the function did, and that a replay that could
 * not take the recorded path is left out, not timed.
 */
let stack: LocalStack;
let dispose: () => void;
const recorded = new Map<string, Recorded>();

beforeAll(async () => {
  ({ stack, dispose } = await startTestStack(undefined, { recordInvocations: recorderInto(recorded) }));
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const only = (label: string, change: (inv: RecordedInvocation) => RecordedInvocation = (x) => x) => {
  const found = [...recorded.values()].find((r) => functionLabel(r.spec) === label);
  if (!found) throw new Error(`nothing recorded for ${label}`);
  return new Map([[found.spec.key, { spec: found.spec, invocations: found.invocations.map(change) }]]);
};

describe('recording invocations and replaying them warm', () => {
  it('records what intake and the router called and were answered, and replays them on the same path', async () => {
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
        details: SAMPLE_DETAILS.complaint,
      },
    });
    expect(filed.status).toBe(201);
    const auth = { authorization: `Bearer ${filed.json.accessToken}` };
    await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/requests/${filed.json.requestId}`, { headers: auth });
      return r.json?.status === 'ROUTED' ? true : undefined;
    });

    const invocationsOf = (label: string) => [...only(label).values()][0]?.invocations ?? [];
    const filing = invocationsOf('intake').find(
      (inv) => (inv.result as { statusCode?: number }).statusCode === 201,
    );
    if (!filing) throw new Error('intake recorded no 201');
    const commands = filing.calls.map((c) => c.command);
    // The request's own write (an earlier put may store a fresh data key), then the send to the
    // province's intake queue (DESIGN §8).
    const write = commands.lastIndexOf('PutCommand');
    expect(filing.calls[write]?.target).toContain(filed.json.requestId);
    expect(commands.lastIndexOf('SendMessageCommand')).toBeGreaterThan(write);
    const sent = filing.calls.find((c) => c.command === 'SendMessageCommand');
    if (!sent) throw new Error('intake recorded no send');
    expect((sent.output as { MessageId?: string }).MessageId).toEqual(expect.any(String));
    expect(sent.target).toContain('intake-20');
    expect((filing.event as { body: string }).body).toContain(VALID_CITIZEN_ID);

    // The router's invocation is recorded when it returns, after its send to the agency's queue.
    const routing = await eventually(async () => {
      const calls = invocationsOf('router').flatMap((inv) => inv.calls);
      return calls.some((c) => c.command === 'SendMessageCommand') ? calls : undefined;
    });
    expect(routing.map((c) => c.command)).toEqual(expect.arrayContaining(['GetCommand', 'PutCommand']));
    expect(routing.find((c) => c.command === 'GetCommand')?.target).toContain(filed.json.requestId);

    const replayed = await replayWarm(new Map([...only('intake'), ...only('router')]), 50);
    expect(replayed.intake?.invocations.map((i) => i.what)).toContain('POST /v1/requests (complaint)');
    expect(replayed.router?.invocations.map((i) => i.what)).toContain('aws:sqs × 1');
    for (const label of ['intake', 'router']) {
      expect(replayed[label]?.replayed, label).toBeGreaterThanOrEqual(1);
      expect(replayed[label]?.excluded, label).toEqual([]);
      expect(replayed[label]?.diverged, label).toBe(0);
    }
  });

  it('leaves out a replay whose AWS call the recording never answered, or whose answer differs', async () => {
    const withoutWrite = only('intake', (inv) => ({
      ...inv,
      calls: inv.calls.filter((c) => c.command !== 'PutCommand'),
    }));
    const unanswered = (await replayWarm(withoutWrite, 20)).intake;
    expect(unanswered?.replayed).toBe(0);
    expect(unanswered?.excluded[0]).toMatch(/called PutCommand, which the recording never answered/);

    const otherOutcome = only('intake', (inv) => ({ ...inv, result: { statusCode: 418 } }));
    const differs = (await replayWarm(otherOutcome, 20)).intake;
    expect(differs?.replayed).toBe(0);
    expect(differs?.excluded[0]).toMatch(
      /answered \{"statusCode":201\} on replay, \{"statusCode":418\} when recorded/,
    );

    // Warm, an invocation may use only its own answers: one whose send was answered only in
    // another invocation passes cold (a fresh worker may borrow) and is left out warm.
    const [key, entry] = [...only('intake')][0] ?? [];
    const first = entry?.invocations.find(
      (inv) => (inv.result as { statusCode?: number }).statusCode === 201,
    );
    if (!key || !entry || !first) throw new Error('no filing recorded');
    const withoutSend = { ...first, calls: first.calls.filter((c) => c.command !== 'SendMessageCommand') };
    const borrows = (
      await replayWarm(new Map([[key, { spec: entry.spec, invocations: [first, withoutSend] }]]), 20)
    ).intake;
    expect(borrows?.replayed).toBe(1);
    expect(borrows?.excluded).toEqual(['needs SendMessageCommand answered by another invocation']);
  });

  it("runs every schedule's functions once on demand, as the tour does", async () => {
    // Counted, not looked for: a schedule's own tick may have come first on a slow machine.
    const count = (label: string) =>
      [...recorded.values()]
        .filter((r) => functionLabel(r.spec) === label)
        .reduce((n, r) => n + r.invocations.length, 0);
    const before = { sweeper: count('sla-sweeper'), payments: count('payment-reconciler') };
    await stack.runSchedulesNow();
    expect(count('sla-sweeper')).toBeGreaterThan(before.sweeper);
    expect(count('payment-reconciler')).toBeGreaterThan(before.payments);
    // A schedule's whole result must come out again on replay.
    const sweeper = (await replayWarm(only('sla-sweeper'), 20))['sla-sweeper'];
    expect(sweeper?.replayed).toBe(count('sla-sweeper'));
    expect(sweeper?.excluded).toEqual([]);
    const told = only('sla-sweeper', (inv) => ({ ...inv, result: { escalated: 99 } }));
    expect((await replayWarm(told, 20))['sla-sweeper']?.excluded[0]).toMatch(/when recorded/);
  });
});
