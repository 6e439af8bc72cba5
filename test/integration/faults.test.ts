import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

const started: Array<{ stack: LocalStack; dispose: () => void }> = [];
afterAll(async () => {
  for (const s of started) await s.stack.stop().catch(() => undefined);
  for (const s of started) s.dispose();
});

const complaint = (n: number) =>
  JSON.stringify({
    serviceCode: 'complaint',
    provinceCode: '20',
    applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'โหลด', lastName: 'ทดสอบ' },
    details: { category: 'road', subject: `load ${n}` },
  });

describe('load and faults on the local stack', () => {
  it('takes a bounded burst of submissions on loopback without an error, and routes every one', async () => {
    const s = await startTestStack();
    started.push(s);
    const result = await autocannon({
      url: `${s.stack.url}/v1/requests`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: complaint(0),
      connections: 8,
      amount: 400, // a fixed count, so every request sent is answered and counted
      timeout: 10, // seconds per request: the whole run is bounded in time
    });
    const acknowledged = result['2xx'];
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(acknowledged).toBeGreaterThan(0);
    // Every acknowledged request ends up routed: none lost between intake, queue and router.
    const routed = await eventually(
      async () => {
        const stats = await http(s.stack.url, 'GET', '/v1/stats?provinceCode=20');
        return stats.json.byStatus.ROUTED === acknowledged ? stats.json.byStatus.ROUTED : undefined;
      },
      60_000,
      250,
    );
    expect(routed).toBe(acknowledged);
  }, 120_000);

  it('loses no acknowledged request when the stack is stopped mid-run and started again', async () => {
    const s = await startTestStack();
    started.push(s);
    const acknowledged: Array<{ id: string; token: string }> = [];
    let stopping: Promise<void> | undefined;
    const stack = s.stack;
    await Promise.all(
      Array.from({ length: 120 }, async (_, n) => {
        try {
          const r = await fetch(`${stack.url}/v1/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: complaint(n),
          });
          if (r.status === 201) {
            const body = (await r.json()) as { requestId: string; accessToken: string };
            acknowledged.push({ id: body.requestId, token: body.accessToken });
            if (acknowledged.length === 30) stopping = stack.stop(); // pull the plug with requests in flight
          }
        } catch {
          // refused or cut off: never acknowledged, so nothing is owed
        }
      }),
    );
    await stopping;
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    const again = await startTestStack(s.dataDir);
    started.push({ stack: again.stack, dispose: () => {} });
    for (const { id, token } of acknowledged) {
      const view = await eventually(
        async () => {
          const r = await http(again.stack.url, 'GET', `/v1/requests/${id}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(r.status).toBe(200);
          return r.json.status === 'ROUTED' ? r.json : undefined;
        },
        30_000,
        200,
      );
      expect(view.history.filter((h: { status: string }) => h.status === 'ROUTED')).toHaveLength(1);
    }
  }, 120_000);
});
