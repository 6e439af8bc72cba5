import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { services } from '../../shared/data/catalogue.ts';
import { createRequestItem } from '../../shared/domain/request.ts';
import { SubmitRequestBody } from '../../shared/schemas/submission.ts';
import { apiEvent, lambdaContext } from '../support/api-event.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
const { handler } = await import('../../functions/request-status/handler.ts');
const ddb = mockClient(DynamoDBDocumentClient);

const requestId = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
const complaint = services.find((s) => s.code === 'complaint');
if (!complaint) throw new Error('catalogue has no complaint service');
const { item, accessToken } = createRequestItem(
  SubmitRequestBody.parse({
    serviceCode: 'complaint',
    provinceCode: '20',
    applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมหญิง', lastName: 'รักดี' },
    details: { category: 'road', subject: 'ไฟถนนดับ' },
  }),
  complaint,
  { requestId, hashKey: 'k', now: new Date('2026-11-23T03:00:00Z'), holidays: new Set() },
);

const get = (id: string, authorization?: string) =>
  handler(
    apiEvent({
      method: 'GET',
      resource: '/v1/requests/{id}',
      path: `/v1/requests/${id}`,
      pathParameters: { id },
      headers: authorization ? { Authorization: authorization } : {},
    }),
    lambdaContext,
  );

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: { pk: `REQUEST#${requestId}`, sk: 'REQUEST' } }).resolves({ Item: item });
});

describe('GET /v1/requests/{id} (request-status handler)', () => {
  it('shows the request to the holder of its token with one consistent GetItem', async () => {
    const res = await get(requestId, `Bearer ${accessToken}`);
    expect(res.statusCode).toBe(200);
    const view = JSON.parse(res.body);
    expect(view.requestId).toBe(requestId);
    expect(view.status).toBe('SUBMITTED');
    expect(view.history).toEqual([
      {
        at: '2026-11-23T10:00:00.000+07:00',
        status: 'SUBMITTED',
        actor: 'citizen',
        note: 'Filed',
        noteTh: 'ยื่นคำขอแล้ว',
      },
    ]);
    expect(view.statusLabel).toEqual({ th: 'ยื่นคำขอแล้ว', en: 'Submitted' });
    expect(view.applicant.citizenId).toBe('x-xxxx-xxxx0-70-8');
    expect(res.body).not.toContain(VALID_CITIZEN_ID);
    expect(res.body).not.toContain('tokenHash');
    expect(res.body).not.toContain('citizenIdHash');
    const calls = ddb.commandCalls(GetCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('answers 401 without a bearer token', async () => {
    const res = await get(requestId);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers the same 404 for a wrong token, an unknown id and a malformed id', async () => {
    const wrong = await get(requestId, 'Bearer not-the-token');
    const unknown = await get('11111111-2222-4333-8444-555555555555', `Bearer ${accessToken}`);
    const malformed = await get('../etc', `Bearer ${accessToken}`);
    for (const res of [wrong, unknown, malformed]) {
      expect(res.statusCode).toBe(404);
      expect(JSON.parse(res.body)).toEqual({
        error: { code: 'NOT_FOUND', message: 'No such request.', messageTh: 'ไม่พบข้อมูลที่ขอ' },
      });
    }
  });
});
