import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, postForm, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dispose: () => void;

beforeAll(async () => {
  ({ stack, dispose } = await startTestStack());
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

async function newHouseNumberRequest() {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'house-number',
      provinceCode: '20',
      districtCode: '2001',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
      details: { buildingType: 'house' },
    },
  });
  expect(res.status).toBe(201);
  expect(res.json.status).toBe('AWAITING_DOCUMENTS');
  return { id: res.json.requestId as string, auth: { authorization: `Bearer ${res.json.accessToken}` } };
}

describe('supporting documents on the local stack', () => {
  it('verifies real uploads through the presigned POST, then submits and routes the request', async () => {
    const { id, auth } = await newHouseNumberRequest();
    for (const type of ['building-permit-copy', 'land-title-copy']) {
      const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
        headers: auth,
        body: { type, contentType: 'application/pdf', sizeBytes: PDF.length },
      });
      expect(slot.status).toBe(201);
      expect(await postForm(slot.json.upload, PDF, `${type}.pdf`)).toBe(204);
    }
    const view = await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: auth });
      return r.json.status === 'ROUTED' ? r.json : undefined;
    });
    expect(view.documents.map((d: { status: string }) => d.status)).toEqual(['VERIFIED', 'VERIFIED']);
    expect(view.documents[0].sizeBytes).toBe(PDF.length);
    expect(view.agencyId).toBe('district-2001');
    expect(view.history.map((h: { status: string }) => h.status)).toEqual([
      'AWAITING_DOCUMENTS',
      'SUBMITTED',
      'ROUTED',
    ]);
  });

  it('rejects a PNG uploaded as a PDF with a reason, and accepts a replacement', async () => {
    const { id, auth } = await newHouseNumberRequest();
    const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: auth,
      body: { type: 'building-permit-copy', contentType: 'application/pdf', sizeBytes: PNG.length },
    });
    expect(await postForm(slot.json.upload, PNG, 'scan.pdf')).toBe(204);
    const rejected = await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: auth });
      const doc = r.json.documents[0];
      return doc?.status === 'REJECTED' ? doc : undefined;
    });
    expect(rejected.reason).toBe('content is image/png but was declared as application/pdf');

    const again = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: auth,
      body: { type: 'building-permit-copy', contentType: 'application/pdf', sizeBytes: PDF.length },
    });
    expect(await postForm(again.json.upload, PDF, 'scan.pdf')).toBe(204);
    const docs = await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: auth });
      return r.json.documents[0]?.status === 'VERIFIED' ? r.json.documents : undefined;
    });
    expect(docs).toHaveLength(1); // the rejected one was replaced
  });

  it('refuses uploads the service does not allow with 400 and another request’s token with 404', async () => {
    const { id, auth } = await newHouseNumberRequest();
    const wrongType = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: auth,
      body: { type: 'building-permit-copy', contentType: 'image/gif', sizeBytes: 10 },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.issues[0].path).toBe('contentType');
    const tooBig = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: auth,
      body: { type: 'building-permit-copy', contentType: 'application/pdf', sizeBytes: 50 * 1024 * 1024 },
    });
    expect(tooBig.json.error.issues[0].path).toBe('sizeBytes');
    const other = await newHouseNumberRequest();
    const foreign = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: other.auth,
      body: { type: 'building-permit-copy', contentType: 'application/pdf', sizeBytes: 10 },
    });
    expect(foreign.status).toBe(404);
    const view = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: auth });
    expect(view.json.documents).toEqual([]);
  });
});
