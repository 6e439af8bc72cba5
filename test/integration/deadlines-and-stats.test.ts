import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dispose: () => void;
let officer: Record<string, string>;
let ddb: DynamoDBDocumentClient;

beforeAll(async () => {
  let dataDir: string;
  ({ stack, dispose, dataDir } = await startTestStack());
  officer = {
    authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20')}`,
  };
  ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
});
afterAll(async () => {
  ddb?.destroy();
  await stack?.stop();
  dispose?.();
});

const tableName = () => {
  const [fn] = stack.functionsNamed('intake');
  return fn?.spec.environment.REQUESTS_TABLE_NAME ?? '';
};

async function file(subject: string) {
  const r = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ทดสอบ', lastName: 'สถิติ' },
      details: { category: 'road', subject },
    },
  });
  expect(r.status).toBe(201);
  const citizen = { authorization: `Bearer ${r.json.accessToken}` };
  await eventually(async () => {
    const v = await http(stack.url, 'GET', `/v1/requests/${r.json.requestId}`, { headers: citizen });
    return v.json.status === 'ROUTED' ? true : undefined;
  });
  return { id: r.json.requestId as string, citizen };
}

const act = async (id: string, action: string, note?: string) => {
  const r = await http(stack.url, 'POST', `/v1/agencies/damrongdhama-20/requests/${id}/actions`, {
    headers: officer,
    body: { action, ...(note && { note }) },
  });
  expect(r.status, `${action}: ${r.text}`).toBe(200);
  return r.json;
};

const rate = (id: string, citizen: Record<string, string>, score: number) =>
  http(stack.url, 'POST', `/v1/requests/${id}/rating`, { headers: citizen, body: { score } });

/** Moves a deadline into the past, as if the working days had gone by. */
const expireDeadline = (id: string) =>
  ddb.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' },
      UpdateExpression: 'SET dueAt = :past',
      ExpressionAttributeValues: { ':past': '2026-01-05T16:30:00.000+07:00' },
    }),
  );

describe('deadlines, escalation and statistics on the local stack', () => {
  it('escalates an overdue request once to the Damrongdhama inbox, and the stats add up', async () => {
    const onTime = await file('เสร็จทันเวลา');
    const late = await file('เสร็จช้า');
    const rejected = await file('ไม่รับเรื่อง');
    const cancelled = await file('ยกเลิก');

    await act(onTime.id, 'accept');
    await act(onTime.id, 'complete', 'ซ่อมแล้ว');
    expect((await rate(onTime.id, onTime.citizen, 5)).status).toBe(201);

    await act(late.id, 'accept');
    await expireDeadline(late.id);
    const [sweeper] = stack.functionsNamed('sla-sweeper');
    expect(await sweeper?.invoke({})).toEqual({ escalated: 1, skipped: 0 });
    expect(await sweeper?.invoke({})).toEqual({ escalated: 0, skipped: 0 }); // once only

    const view = await http(stack.url, 'GET', `/v1/requests/${late.id}`, { headers: late.citizen });
    expect(view.json.overdue).toBe(true);
    expect(view.json.history.at(-1)).toMatchObject({ actor: 'system:sla-sweeper', status: 'IN_PROGRESS' });
    const copy = await eventually(async () => {
      const r = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox?max=10&waitSeconds=1', {
        headers: officer,
      });
      return r.json.items.find(
        (i: { kind: string; request: { requestId: string } }) =>
          i.kind === 'escalation' && i.request.requestId === late.id,
      );
    });
    expect(copy.request.overdue).toBe(true);

    await stack.drainStreams();
    const midway = await http(stack.url, 'GET', '/v1/stats?provinceCode=20');
    expect(midway.json.overdue).toBe(1);

    await act(late.id, 'complete', 'ล่าช้า');
    expect((await rate(late.id, late.citizen, 3)).status).toBe(201);
    await act(rejected.id, 'reject', 'ไม่อยู่ในอำนาจ');
    expect(
      (await http(stack.url, 'POST', `/v1/requests/${cancelled.id}/cancel`, { headers: cancelled.citizen }))
        .status,
    ).toBe(200);

    await stack.drainStreams();
    const stats = await http(stack.url, 'GET', '/v1/stats?provinceCode=20');
    expect(stats.status).toBe(200);
    expect(stats.headers.get('cache-control')).toBe('public, max-age=60');
    expect(stats.json).toMatchObject({
      provinceCode: '20',
      byStatus: {
        AWAITING_DOCUMENTS: 0,
        SUBMITTED: 0,
        ROUTED: 0,
        IN_PROGRESS: 0,
        NEEDS_INFO: 0,
        COMPLETED: 2,
        REJECTED: 1,
        CANCELLED: 1,
      },
      completedWithinSlaPercent: 66.7, // 2 of 3 finished on time
      medianHoursToComplete: 1, // both completions within the first hour bucket
      averageRating: 4, // (5 + 3) / 2
      overdue: 0,
    });
    expect(stats.json.byService.complaint).toMatchObject({
      completedWithinSlaPercent: 66.7,
      averageRating: 4,
    });

    const national = await http(stack.url, 'GET', '/v1/stats');
    expect(national.json.provinceCode).toBeNull();
    expect(national.json.provinces).toBe(5);
    expect(national.json.byStatus.COMPLETED).toBe(2);
  });

  it('refuses an unknown province with 400 and a malformed one with 400', async () => {
    const unknown = await http(stack.url, 'GET', '/v1/stats?provinceCode=99');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.issues[0].path).toBe('provinceCode');
    const malformed = await http(stack.url, 'GET', '/v1/stats?provinceCode=abc');
    expect(malformed.status).toBe(400);
  });
});
