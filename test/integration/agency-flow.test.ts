import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  const issuer = await loadOrCreateIssuer(dataDir);
  for (const a of ['damrongdhama-20', 'pao-20', 'district-2001'])
    tokens.set(a, await signAgencyToken(issuer, a));
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const asAgency = (agencyId: string) => ({ authorization: `Bearer ${tokens.get(agencyId)}` });

async function fileComplaint(subject = 'ไฟถนนดับ') {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมหญิง', lastName: 'ใจดี' },
      details: { category: 'electricity', subject },
    },
  });
  expect(res.status).toBe(201);
  return { id: res.json.requestId as string, citizen: { authorization: `Bearer ${res.json.accessToken}` } };
}

async function statusOf(id: string, citizen: Record<string, string>) {
  return (await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen })).json;
}

async function waitForInbox(agencyId: string, id: string) {
  return eventually(async () => {
    const r = await http(stack.url, 'GET', `/v1/agencies/${agencyId}/inbox?max=10&waitSeconds=1`, {
      headers: asAgency(agencyId),
    });
    expect(r.status).toBe(200);
    return r.json.items.find((i: { request: { requestId: string } }) => i.request.requestId === id);
  });
}

const act = (agencyId: string, id: string, body: Record<string, unknown>) =>
  http(stack.url, 'POST', `/v1/agencies/${agencyId}/requests/${id}/actions`, {
    headers: asAgency(agencyId),
    body,
  });

describe('a complaint through its whole life on the local stack', () => {
  it('is routed, accepted, asked about, resumed, forwarded, completed and rated — all on the record', async () => {
    const { id, citizen } = await fileComplaint();
    const entry = await waitForInbox('damrongdhama-20', id);
    expect(entry.request.status).toBe('ROUTED');
    expect(entry.request.applicant.citizenId).toBe('x-xxxx-xxxx0-70-8');

    expect(
      (await act('damrongdhama-20', id, { action: 'accept', receiptHandle: entry.receiptHandle })).status,
    ).toBe(200);
    expect(
      (await act('damrongdhama-20', id, { action: 'request-info', note: 'ขอพิกัด / location please' })).json
        .status,
    ).toBe('NEEDS_INFO');
    expect((await act('damrongdhama-20', id, { action: 'resume', note: 'ได้รับแล้ว' })).json.status).toBe(
      'IN_PROGRESS',
    );
    const forwarded = await act('damrongdhama-20', id, {
      action: 'forward',
      toAgencyId: 'pao-20',
      note: 'ไฟถนนทางหลวงท้องถิ่นเป็นของ อบจ.',
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.json).toMatchObject({ status: 'ROUTED', agencyId: 'pao-20' });

    const paoEntry = await waitForInbox('pao-20', id);
    expect(
      (await act('pao-20', id, { action: 'accept', receiptHandle: paoEntry.receiptHandle })).status,
    ).toBe(200);
    expect((await act('pao-20', id, { action: 'complete', note: 'ซ่อมแล้ว / repaired' })).json.status).toBe(
      'COMPLETED',
    );

    const rated = await http(stack.url, 'POST', `/v1/requests/${id}/rating`, {
      headers: citizen,
      body: { score: 5, comment: 'รวดเร็วมาก' },
    });
    expect(rated.status).toBe(201);
    const again = await http(stack.url, 'POST', `/v1/requests/${id}/rating`, {
      headers: citizen,
      body: { score: 1 },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_RATED');

    const view = await statusOf(id, citizen);
    expect(view.history.map((h: { status: string; actor: string }) => `${h.status} ${h.actor}`)).toEqual([
      'SUBMITTED citizen',
      'ROUTED system:router',
      'IN_PROGRESS agency:damrongdhama-20',
      'NEEDS_INFO agency:damrongdhama-20',
      'IN_PROGRESS agency:damrongdhama-20',
      'ROUTED agency:damrongdhama-20',
      'IN_PROGRESS agency:pao-20',
      'COMPLETED agency:pao-20',
    ]);
    expect(view.history[5].note).toMatch(/^Forwarded to pao-20 .*: ไฟถนนทางหลวงท้องถิ่นเป็นของ อบจ\.$/);
    expect(view.rating).toMatchObject({ score: 5, comment: 'รวดเร็วมาก' });

    // The old agency no longer sees it in its inbox or may act on it; the new one lists it.
    expect((await act('damrongdhama-20', id, { action: 'reject' })).status).toBe(403);
    const listed = await http(stack.url, 'GET', '/v1/agencies/pao-20/requests?status=COMPLETED', {
      headers: asAgency('pao-20'),
    });
    expect(listed.json.items.map((i: { requestId: string }) => i.requestId)).toContain(id);
  });

  it('refuses illegal moves with 409 and lets only one of two simultaneous officers win', async () => {
    const { id } = await fileComplaint('แข่งกันรับเรื่อง');
    await waitForInbox('damrongdhama-20', id);
    expect((await act('damrongdhama-20', id, { action: 'complete' })).status).toBe(409);
    const [a, b] = await Promise.all([
      act('damrongdhama-20', id, { action: 'accept', note: 'A' }),
      act('damrongdhama-20', id, { action: 'accept', note: 'B' }),
    ]);
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const bad = await act('damrongdhama-20', id, { action: 'forward', toAgencyId: 'pao-99', note: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('toAgencyId');
  });

  it('lets the citizen cancel before acceptance, not after; rating needs a finished request', async () => {
    const first = await fileComplaint('ยกเลิก');
    await waitForInbox('damrongdhama-20', first.id);
    const early = await http(stack.url, 'POST', `/v1/requests/${first.id}/rating`, {
      headers: first.citizen,
      body: { score: 3 },
    });
    expect(early.status).toBe(409);
    const cancelled = await http(stack.url, 'POST', `/v1/requests/${first.id}/cancel`, {
      headers: first.citizen,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('CANCELLED');

    const second = await fileComplaint('ยกเลิกช้าไป');
    await waitForInbox('damrongdhama-20', second.id);
    await act('damrongdhama-20', second.id, { action: 'accept' });
    const late = await http(stack.url, 'POST', `/v1/requests/${second.id}/cancel`, {
      headers: second.citizen,
    });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('INVALID_TRANSITION');
  });

  it('authorizes agencies: no token 401, expired 401, another agency 403', async () => {
    const { id } = await fileComplaint('สิทธิ์');
    await waitForInbox('damrongdhama-20', id);
    const none = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('UNAUTHORIZED');
    const expired = await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20', {
      ttlSeconds: -60,
    });
    const old = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox', {
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(old.status).toBe(401);
    const other = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox', {
      headers: asAgency('pao-20'),
    });
    expect(other.status).toBe(403);
    const notTheirs = await act('pao-20', id, { action: 'accept' });
    expect(notTheirs.status).toBe(403);
    const forged = `${tokens.get('pao-20')?.slice(0, -4)}AAAA`;
    const bad = await http(stack.url, 'GET', '/v1/agencies/pao-20/inbox', {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(bad.status).toBe(401);
  });

  it('re-sends a request whose intake send failed, once the queue is back (reconciler)', async () => {
    const sqs = new SQSClient({
      endpoint: stack.endpoints.sqs,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      useQueueUrlAsEndpoint: false,
    });
    const queueUrl = 'https://sqs.ap-southeast-7.amazonaws.com/000000000000/oss-dev-intake-20.fifo';
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));

    const { id, citizen } = await fileComplaint('ส่งคิวไม่สำเร็จ'); // the send fails: no queue
    await new Promise((r) => setTimeout(r, 500));
    expect((await statusOf(id, citizen)).status).toBe('SUBMITTED');

    const keep = [
      'FifoQueue',
      'VisibilityTimeout',
      'MessageRetentionPeriod',
      'RedrivePolicy',
      'ContentBasedDeduplication',
    ];
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'oss-dev-intake-20.fifo',
        Attributes: Object.fromEntries(Object.entries(Attributes ?? {}).filter(([k]) => keep.includes(k))),
      }),
    );
    const [reconciler] = stack.functionsNamed('reconciler');
    expect(await reconciler?.invoke({ olderThanSeconds: 0 })).toMatchObject({ resentToIntake: 1 });
    const routed = await eventually(async () => {
      const v = await statusOf(id, citizen);
      return v.status === 'ROUTED' ? v : undefined;
    });
    expect(routed.history.filter((h: { status: string }) => h.status === 'ROUTED')).toHaveLength(1);
    sqs.destroy();
  });
});
