import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID, withCheckDigit } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, requestTable, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dataDir: string;
let dispose: () => void;
let base: string;

beforeAll(async () => {
  ({ stack, dataDir, dispose } = await startTestStack());
  base = stack.url;
});

afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const complaint = (n = 0) => ({
  serviceCode: 'complaint',
  provinceCode: '20',
  applicant: {
    citizenId: n === 0 ? VALID_CITIZEN_ID : withCheckDigit(`3${String(n).padStart(11, '0')}`),
    firstName: 'สมชาย',
    lastName: 'ใจดี',
  },
  description: `ถนนชำรุด หน้าตลาด #${n}`,
  details: { category: 'road', subject: 'ถนนชำรุด' },
});

describe('citizen intake over HTTP on the local stack', () => {
  it('serves health, provinces and the catalogue', async () => {
    expect((await http(base, 'GET', '/health')).json).toEqual({ status: 'ok' });
    const provinces = await http(base, 'GET', '/v1/provinces');
    expect(provinces.status).toBe(200);
    expect(provinces.json.items).toHaveLength(77);
    expect(provinces.json.items).toContainEqual({
      code: '20',
      nameTh: 'ชลบุรี',
      nameEn: 'Chon Buri',
      served: true,
    });
    const services = await http(base, 'GET', '/v1/services');
    const codes = services.json.items.map((s: { code: string }) => s.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'complaint',
        'hotel-fee-pao',
        'house-number',
        'change-of-address',
        'elderly-allowance',
        'land-building-tax',
        'advertising-leaflet-permit',
        'building-permit',
      ]),
    );
    const houseNumber = await http(base, 'GET', '/v1/services/house-number');
    expect(houseNumber.json.requiredDocuments.length).toBeGreaterThan(0);
    const unknown = await http(base, 'GET', '/v1/services/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');
  });

  it('files a request and shows it to the token holder only', async () => {
    const created = await http(base, 'POST', '/v1/requests', { body: complaint() });
    expect(created.status).toBe(201);
    const { requestId, accessToken, status, dueAt } = created.json;
    expect(status).toBe('SUBMITTED');
    expect(dueAt).toMatch(/T16:30:00\.000\+07:00$/);

    const view = await http(base, 'GET', `/v1/requests/${requestId}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(view.status).toBe(200);
    expect(view.json.requestId).toBe(requestId);
    // Filed first; the router may already have routed it (that entry, if present, comes second).
    expect(view.json.history[0]).toMatchObject({ status: 'SUBMITTED', actor: 'citizen' });
    expect(view.json.history.slice(1).map((h: { status: string }) => h.status)).toEqual(
      view.json.history.length > 1 ? ['ROUTED'] : [],
    );
    expect(view.text).not.toContain(VALID_CITIZEN_ID);

    expect((await http(base, 'GET', `/v1/requests/${requestId}`)).status).toBe(401);
    const wrong = await http(base, 'GET', `/v1/requests/${requestId}`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(404);
  });

  it('answers bad input with a clear 4xx in the error shape', async () => {
    const malformed = await http(base, 'POST', '/v1/requests', { raw: '{"serviceCode":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('MALFORMED_JSON');

    const invalid = await http(base, 'POST', '/v1/requests', {
      body: { ...complaint(), serviceCode: 'nope', provinceCode: '00' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.json.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'serviceCode',
      'provinceCode',
    ]);

    const badId = await http(base, 'POST', '/v1/requests', {
      body: { ...complaint(), applicant: { ...complaint().applicant, citizenId: '1101700230709' } },
    });
    expect(badId.json.error.issues[0].path).toBe('applicant.citizenId');

    const noRoute = await http(base, 'GET', '/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    expect(noRoute.json.error.code).toBe('NOT_FOUND');
  });

  it('honours Idempotency-Key: same body → same request, other body → 409, another citizen → their own request', async () => {
    const headers = { 'idempotency-key': 'it-idem-key-0001' };
    const first = await http(base, 'POST', '/v1/requests', { body: complaint(1), headers });
    const again = await http(base, 'POST', '/v1/requests', { body: complaint(1), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    // The same request and token; the status is the request's status now (it may be routed already).
    const { status: _s1, ...firstRest } = first.json;
    const { status: againStatus, ...againRest } = again.json;
    expect(againRest).toEqual(firstRest);
    expect(['SUBMITTED', 'ROUTED']).toContain(againStatus);
    const reused = await http(base, 'POST', '/v1/requests', {
      body: { ...complaint(1), description: 'another matter' },
      headers,
    });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys belong to their applicant: another citizen who picks the same key files their own request.
    const other = await http(base, 'POST', '/v1/requests', { body: complaint(2), headers });
    expect(other.status).toBe(201);
    expect(other.json.requestId).not.toBe(first.json.requestId);
  });

  it('accepts 50 concurrent submissions, each stored and readable', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => http(base, 'POST', '/v1/requests', { body: complaint(100 + i) })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = new Set(results.map((r) => r.json.requestId));
    expect(ids.size).toBe(50);
    const reads = await Promise.all(
      results.map((r) =>
        http(base, 'GET', `/v1/requests/${r.json.requestId}`, {
          headers: { authorization: `Bearer ${r.json.accessToken}` },
        }),
      ),
    );
    expect(reads.map((r) => r.status)).toEqual(Array(50).fill(200));
  });

  it('keeps every request across a restart, and refills the agency inbox the local SQS forgot', async () => {
    const created = await http(base, 'POST', '/v1/requests', { body: complaint(999) });
    expect(created.status).toBe(201);
    const auth = { authorization: `Bearer ${created.json.accessToken}` };
    await eventually(async () => {
      const v = await http(base, 'GET', `/v1/requests/${created.json.requestId}`, { headers: auth });
      return v.json.status === 'ROUTED' ? true : undefined;
    });
    await stack.stop();
    ({ stack } = await startTestStack(dataDir));
    base = stack.url;
    const view = await http(base, 'GET', `/v1/requests/${created.json.requestId}`, { headers: auth });
    expect(view.status).toBe(200);
    expect(view.json.status).toBe('ROUTED');
    // The emulated queues started empty; the start-up reconcile re-sent every ROUTED request.
    const token = await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20');
    const inbox = await eventually(async () => {
      const r = await http(base, 'GET', '/v1/agencies/damrongdhama-20/inbox?max=10&waitSeconds=1', {
        headers: { authorization: `Bearer ${token}` },
      });
      const ids = r.json.items.map((i: { request: { requestId: string } }) => i.request.requestId);
      return ids.includes(created.json.requestId) ? ids : undefined;
    });
    expect(inbox).toContain(created.json.requestId);
  });

  it('upgrades data kept by an older version: the indexes the table lacks are built, their keys filled in, and the change log filled', async () => {
    const created = await http(base, 'POST', '/v1/requests', { body: complaint(998) });
    const id = created.json.requestId as string;
    const officer = {
      authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20')}`,
    };
    await eventually(async () => {
      const r = await http(base, 'GET', `/v1/agencies/damrongdhama-20/requests/${id}`, { headers: officer });
      return r.json?.status === 'ROUTED' ? true : undefined;
    });
    const accepted = await http(base, 'POST', `/v1/agencies/damrongdhama-20/requests/${id}/actions`, {
      body: { action: 'accept' },
      headers: officer,
    });
    expect(accepted.status, accepted.text).toBe(200);
    // Make the table what an older version left: no secondary indexes, no change log, and this
    // request without the keys of the newer ones (it has the old agency key instead).
    const table = requestTable(stack);
    const all: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({ TableName: table.name, ExclusiveStartKey: startKey }),
      );
      all.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.name }));
    await table.client.send(new DeleteTableCommand({ TableName: table.name }));
    await eventually(() =>
      table.client.send(new DescribeTableCommand({ TableName: table.name })).then(
        () => undefined,
        () => true,
      ),
    );
    await table.client.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: Table?.KeySchema,
        AttributeDefinitions: Table?.AttributeDefinitions?.filter((a) =>
          ['pk', 'sk'].includes(a.AttributeName ?? ''),
        ),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // dynalite creates a table asynchronously, as DynamoDB does: writes fail until it is ACTIVE.
    await eventually(() =>
      table.client
        .send(new DescribeTableCommand({ TableName: table.name }))
        .then((d) => (d.Table?.TableStatus === 'ACTIVE' ? true : undefined)),
    );
    for (const item of all) {
      const old = { ...item };
      if (String(old.pk).startsWith('CHANGES#') || String(old.pk).startsWith('MIGRATION#')) continue;
      if (old.pk === `REQUEST#${id}`) {
        old.agencyStatusAt = `IN_PROGRESS#${String(old.updatedAt)}`;
        old.publicStatusAt = String(old.updatedAt);
        delete old.agencyListKey;
      }
      await table.client.send(new PutCommand({ TableName: table.name, Item: old }));
    }
    // Writing them back went through the local stream, which logged their changes: an older
    // version's table has no log, so that goes too, and only the upgrade can fill it.
    await stack.drainStreams();
    const logged = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: 'begins_with(pk, :c)',
        ExpressionAttributeValues: { ':c': 'CHANGES#' },
      }),
    );
    expect(logged.Items?.length).toBeGreaterThan(0);
    for (const { pk, sk } of logged.Items ?? []) {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: { pk, sk } }));
    }
    table.close();
    await stack.stop();
    ({ stack } = await startTestStack(dataDir));
    base = stack.url;

    const list = await http(base, 'GET', '/v1/agencies/damrongdhama-20/requests?status=in_progress', {
      headers: officer,
    });
    expect(list.status, list.text).toBe(200);
    expect(list.json.items.map((i: { requestId: string }) => i.requestId)).toContain(id);
    const updates = await http(
      base,
      'GET',
      `/open311/v2/servicerequestupdates.json?jurisdiction_id=20&start_date=${new Date(Date.now() - 3_600_000).toISOString()}`,
    );
    expect(
      updates.json
        .filter((u: { service_request_id: string }) => u.service_request_id === id)
        .map((u: { status: string }) => u.status),
    ).toEqual(['in_progress']);
    const upgraded = requestTable(stack);
    const stored = await upgraded.stored(id);
    upgraded.close();
    expect(stored?.agencyListKey).toBe(`open#${stored?.createdAt}`);
    expect(stored?.agencyStatusAt).toBeUndefined();
    expect(all.length).toBeGreaterThan(1); // every other item came through too
  });
});
