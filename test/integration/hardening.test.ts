import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID, withCheckDigit } from '../support/citizen-ids.ts';
import {
  agencyTokens,
  eventually,
  http,
  type LocalStack,
  postForm,
  requestTable,
  startTestStack,
} from '../support/local-stack.ts';

/** Issue #11's probes of the local stack, each one something that used to go wrong. */
let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let table: ReturnType<typeof requestTable>;
let tokens: Map<string, string>;

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  tokens = await agencyTokens(dataDir, ['damrongdhama-20', 'pao-20', 'pao-93', 'district-2001']);
  table = requestTable(stack);
});
afterAll(async () => {
  table?.close();
  await stack?.stop();
  dispose?.();
});

const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML = new TextEncoder().encode('<html><body><script>alert("swapped")</script></body></html>');
const asAgency = (agencyId: string) => ({ authorization: `Bearer ${tokens.get(agencyId)}` });
const stored = (id: string) => table.stored(id);

let citizenSeq = 500;
async function fileComplaint(subject: string) {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: {
        citizenId: withCheckDigit(`1${String(citizenSeq++).padStart(11, '0')}`),
        firstName: 'สมหญิง',
        lastName: 'ใจดี',
      },
      details: { category: 'electricity', subject },
    },
  });
  expect(res.status).toBe(201);
  return { id: res.json.requestId as string, citizen: { authorization: `Bearer ${res.json.accessToken}` } };
}

async function houseNumberRequest() {
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
  return { id: res.json.requestId as string, auth: { authorization: `Bearer ${res.json.accessToken}` } };
}

/**
 * Every inbox entry read so far: one read may return several requests' messages, which then stay
 * hidden for the visibility timeout, so an entry for a later lookup is kept, not lost.
 */
const seen = new Map<string, { receiptHandle: string; kind: string; request: { requestId: string } }>();

async function inboxEntry(agencyId: string, id: string, kind = 'routed') {
  const key = `${agencyId}|${id}|${kind}`;
  return eventually(async () => {
    const found = seen.get(key);
    if (found) {
      seen.delete(key);
      return found;
    }
    const r = await http(stack.url, 'GET', `/v1/agencies/${agencyId}/inbox?max=10&waitSeconds=1`, {
      headers: asAgency(agencyId),
    });
    expect(r.status).toBe(200);
    for (const i of r.json.items) seen.set(`${agencyId}|${i.request.requestId}|${i.kind}`, i);
    const hit = seen.get(key);
    if (hit) seen.delete(key);
    return hit;
  });
}

const act = (agencyId: string, id: string, body: Record<string, unknown>) =>
  http(stack.url, 'POST', `/v1/agencies/${agencyId}/requests/${id}/actions`, {
    headers: asAgency(agencyId),
    body,
  });

const view = async (id: string, citizen: Record<string, string>) =>
  (await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen })).json;

describe('documents cannot be swapped or stretched', () => {
  it('keeps serving the verified PDF after HTML is uploaded to the same slot', async () => {
    const { id, auth } = await houseNumberRequest();
    const slots: Array<{ type: string; upload: { url: string; fields: Record<string, string> } }> = [];
    for (const type of ['building-permit-copy', 'land-title-copy']) {
      const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
        headers: auth,
        body: { type, contentType: 'application/pdf', sizeBytes: PDF.length },
      });
      expect(slot.status).toBe(201);
      slots.push({ type, upload: slot.json.upload });
      expect(await postForm(slot.json.upload, PDF, `${type}.pdf`)).toBe(204);
    }
    const routed = await eventually(async () => {
      const v = await view(id, auth);
      return v.status === 'ROUTED' ? v : undefined;
    });
    // The presigned POST still works until it expires: upload HTML over the first document.
    expect(await postForm(slots[0]!.upload, HTML, 'evil.pdf')).toBe(204);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await view(id, auth);
    expect(after.documents.map((d: { status: string }) => d.status)).toEqual(['VERIFIED', 'VERIFIED']);
    expect(after.version ?? after.updatedAt).toBe(routed.version ?? routed.updatedAt);

    const documentId = routed.documents[0].documentId;
    const link = await http(
      stack.url,
      'GET',
      `/v1/agencies/district-2001/requests/${id}/documents/${documentId}`,
      {
        headers: asAgency('district-2001'),
      },
    );
    expect(link.status).toBe(200);
    const served = new Uint8Array(await (await fetch(link.json.url)).arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(PDF))).toBe(true);
  });

  it('rejects a file larger than the size declared for its slot', async () => {
    const { id, auth } = await houseNumberRequest();
    const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: auth,
      body: { type: 'building-permit-copy', contentType: 'application/pdf', sizeBytes: 1000 },
    });
    const big = new Uint8Array(200_016);
    big.set(PDF.subarray(0, PDF.length - 6));
    big.set(new TextEncoder().encode('%%EOF\n'), big.length - 6);
    await postForm(slot.json.upload, big, 'big.pdf');
    const doc = await eventually(async () => {
      const d = (await view(id, auth)).documents[0];
      return d?.status === 'REJECTED' ? d : undefined;
    });
    expect(doc.reason).toBe('file is 200016 bytes but was declared as 1000 bytes');
  });

  it('starts the deadline clock only when the request is complete', async () => {
    const { id } = await houseNumberRequest();
    const item = await stored(id);
    expect(item?.status).toBe('AWAITING_DOCUMENTS');
    expect(item?.openProvince).toBeUndefined(); // not in the overdue index while documents are missing
  });
});

describe('agency decisions', () => {
  it('needs a reason to reject or ask for information, on the record', async () => {
    const { id } = await fileComplaint('ไม่มีเหตุผล');
    await inboxEntry('damrongdhama-20', id);
    const bare = await act('damrongdhama-20', id, { action: 'reject' });
    expect(bare.status).toBe(400);
    expect(bare.json.error.issues[0].path).toBe('note');
    const long = await act('damrongdhama-20', id, { action: 'reject', note: 'ก'.repeat(1001) });
    expect(long.status).toBe(400);
    expect((await stored(id))?.status).toBe('ROUTED');
  });

  it('refuses a forward to a province this deployment does not serve, and records nothing', async () => {
    const { id } = await fileComplaint('ส่งไปกรุงเทพ');
    await inboxEntry('damrongdhama-20', id);
    const before = await stored(id);
    const res = await act('damrongdhama-20', id, {
      action: 'forward',
      toAgencyId: 'district-1001',
      note: 'เขตพระนคร',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0]).toMatchObject({ path: 'toAgencyId' });
    expect((await stored(id))?.version).toBe(before?.version);
  });

  it('moves a request to the province of the agency it is forwarded to', async () => {
    const { id, citizen } = await fileComplaint('ข้ามจังหวัด');
    await inboxEntry('damrongdhama-20', id);
    const res = await act('damrongdhama-20', id, {
      action: 'forward',
      toAgencyId: 'pao-93',
      note: 'เหตุเกิดที่พัทลุง',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ provinceCode: '93', agencyId: 'pao-93', status: 'ROUTED' });
    expect(res.json.history.at(-1).note).toMatch(/moves from province 20 to 93/);
    await inboxEntry('pao-93', id);
    const item = await stored(id);
    // Its index keys follow: the new agency's open stage, the new province's deadline watch.
    expect(item?.agencyListKey).toMatch(/^open#/);
    expect(item?.openProvince).toBe('93');
    expect(item?.provinceStatus).toBeUndefined();
    await stack.drainStreams();
    const stats93 = await http(stack.url, 'GET', '/v1/stats?provinceCode=93');
    expect(stats93.json.byStatus.ROUTED).toBeGreaterThanOrEqual(1);
    expect((await view(id, citizen)).provinceCode).toBe('93');
  });

  it("accepts only the receipt handle issued for the same request; another request's message survives", async () => {
    const a = await fileComplaint('ใบรับ A');
    const b = await fileComplaint('ใบรับ B');
    const entryA = await inboxEntry('damrongdhama-20', a.id);
    const entryB = await inboxEntry('damrongdhama-20', b.id);
    const misuse = await act('damrongdhama-20', a.id, {
      action: 'accept',
      receiptHandle: entryB.receiptHandle,
    });
    expect(misuse.status).toBe(400);
    expect(misuse.json.error.issues[0].path).toBe('receiptHandle');
    expect(
      (await act('damrongdhama-20', a.id, { action: 'accept', receiptHandle: entryA.receiptHandle })).status,
    ).toBe(200);
    // B's message was not deleted: it shows again once its visibility lapses.
    expect((await stored(b.id))?.status).toBe('ROUTED');
  });

  it('refuses the citizen cancel once any agency accepted, even after a forward', async () => {
    const { id, citizen } = await fileComplaint('รับแล้วส่งต่อ');
    await inboxEntry('damrongdhama-20', id);
    await act('damrongdhama-20', id, { action: 'accept' });
    await act('damrongdhama-20', id, { action: 'forward', toAgencyId: 'pao-20', note: 'เป็นของ อบจ.' });
    const cancel = await http(stack.url, 'POST', `/v1/requests/${id}/cancel`, { headers: citizen });
    expect(cancel.status).toBe(409);
    expect((await view(id, citizen)).status).toBe('ROUTED');
  });

  it('bounds what a request accumulates: ping-pong forwards stop at the history limit, finishing still works', async () => {
    const { id } = await fileComplaint('ส่งไปส่งมา');
    await inboxEntry('damrongdhama-20', id);
    const note = 'ก'.repeat(1000);
    let holder = 'damrongdhama-20';
    let refused: Awaited<ReturnType<typeof act>> | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      const to = holder === 'damrongdhama-20' ? 'pao-20' : 'damrongdhama-20';
      const r = await act(holder, id, { action: 'forward', toAgencyId: to, note });
      if (r.status === 409) refused = r;
      else {
        expect(r.status).toBe(200);
        holder = to;
      }
    }
    expect(refused?.json.error.code).toBe('HISTORY_FULL');
    const done = await act(holder, id, { action: 'reject', note: 'ปิดเรื่อง: ส่งต่อวนซ้ำ' });
    expect(done.status).toBe(200);
    const item = await stored(id);
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(400 * 1024);
    // Past 1 KB the record is stored packed: keys and index attributes plain, the rest deflated.
    const raw = await table.raw(id);
    expect(raw?.packed).toBeInstanceOf(Uint8Array);
    expect(raw?.history).toBeUndefined();
    expect(raw).toMatchObject({ status: 'REJECTED', agencyId: holder, version: item?.version });
    expect(item?.history.at(-1)).toMatchObject({ status: 'REJECTED', note: 'ปิดเรื่อง: ส่งต่อวนซ้ำ' });
    expect(raw?.packed.length).toBeLessThan(Buffer.byteLength(JSON.stringify(item?.history)) / 5);
  }, 120_000);
});

describe('geography (issue 12)', () => {
  it('lists districts and subdistricts, and says which provinces are served', async () => {
    const provinces = await http(stack.url, 'GET', '/v1/provinces');
    expect(provinces.json.items).toHaveLength(77);
    expect(provinces.json.items.find((p: { code: string }) => p.code === '20').served).toBe(true);
    expect(provinces.json.items.find((p: { code: string }) => p.code === '10').served).toBe(false);
    const buengKan = await http(stack.url, 'GET', '/v1/provinces/38/districts');
    expect(buengKan.json.items.map((d: { code: string }) => d.code)).toHaveLength(8);
    const subs = await http(stack.url, 'GET', '/v1/districts/2001/subdistricts');
    expect(subs.status).toBe(200);
    expect(subs.json.items[0]).toEqual({
      code: '200101',
      nameTh: expect.any(String),
      nameEn: expect.any(String),
      postcode: '20000',
    });
    expect((await http(stack.url, 'GET', '/v1/districts/2099/subdistricts')).status).toBe(404);
    expect((await http(stack.url, 'GET', '/v1/provinces/00/districts')).status).toBe(404);
  });

  it('checks subdistrict and location on filing, each at its own path', async () => {
    const file = (extra: Record<string, unknown>) =>
      http(stack.url, 'POST', '/v1/requests', {
        body: {
          serviceCode: 'complaint',
          provinceCode: '20',
          applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
          details: { category: 'road', subject: 'หลุม' },
          ...extra,
        },
      });
    const wrongDistrict = await file({ districtCode: '2001', subdistrictCode: '200201' });
    expect(wrongDistrict.status).toBe(400);
    expect(wrongDistrict.json.error.issues).toMatchObject([
      { path: 'subdistrictCode', message: 'subdistrict 200201 is not in district 2001' },
    ]);
    const london = await file({ location: { lat: 51.5, lon: -0.12 } });
    expect(london.status).toBe(400);
    expect(london.json.error.issues[0].path).toBe('location');
    const ok = await file({ subdistrictCode: '200101', location: { lat: 13.36, lon: 100.98 } });
    expect(ok.status).toBe(201);
    const item = await stored(ok.json.requestId);
    expect(item).toMatchObject({ districtCode: '2001', subdistrictCode: '200101' });
  });
});

describe('forms (issue 12)', () => {
  it('refuses a body in another charset with 415, and stores Buddhist-era months in the Christian era', async () => {
    const tis = await http(stack.url, 'POST', '/v1/requests', {
      raw: JSON.stringify({ serviceCode: 'complaint' }),
      headers: { 'content-type': 'application/json; charset=tis-620' },
    });
    expect(tis.status).toBe(415);
    expect(tis.json.error.code).toBe('UNSUPPORTED_CHARSET');
    const hotel = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'hotel-fee-pao',
        provinceCode: '20',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
        details: {
          hotelName: 'Sea View',
          hotelLicenceNo: '20/2566',
          period: '2569-10',
          guestNights: 120,
          roomRevenueThb: 96000.5,
        },
      },
    });
    expect(hotel.status).toBe(201);
    const item = await stored(hotel.json.requestId);
    expect(item?.details.period).toBe('2026-10');
    const service = (await http(stack.url, 'GET', '/v1/services/hotel-fee-pao')).json;
    expect(item?.serviceVersion).toBe(service.version);
    const bad = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'hotel-fee-pao',
        provinceCode: '20',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
        details: {
          hotelName: 'X',
          hotelLicenceNo: '1',
          period: 'ทดสอบทด',
          guestNights: 1,
          roomRevenueThb: 1,
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toMatchObject([
      {
        path: 'details.period',
        message: 'must be a month like 2026-10, year in ค.ศ. or พ.ศ. (ต้องเป็นเดือน เช่น 2026-10)',
      },
    ]);
  });

  it('takes optional photos on a complaint without holding it up, until it is finished', async () => {
    const { id, citizen } = await fileComplaint('มีรูปถ่าย');
    const filed = await view(id, citizen);
    expect(['SUBMITTED', 'ROUTED']).toContain(filed.status);
    const PNG = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
      0x82,
    ]);
    const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: citizen,
      body: { type: 'photo', contentType: 'image/png', sizeBytes: PNG.length },
    });
    expect(slot.status).toBe(201);
    expect(await postForm(slot.json.upload, PNG, 'pothole.png')).toBe(204);
    const withPhoto = await eventually(async () => {
      const v = await view(id, citizen);
      return v.documents[0]?.status === 'VERIFIED' ? v : undefined;
    });
    expect(withPhoto.status).toBe('ROUTED');
    await act('damrongdhama-20', id, { action: 'reject', note: 'ซ้ำกับเรื่องเดิม' });
    const late = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
      headers: citizen,
      body: { type: 'photo', contentType: 'image/png', sizeBytes: PNG.length },
    });
    expect(late.status).toBe(409);
  });

  it('routes a local service by subdistrict: to the district office when no local body is registered, saying so', async () => {
    const res = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'land-building-tax',
        provinceCode: '20',
        subdistrictCode: '200103',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
        details: { parcelNo: '12345', taxYear: 2026, useType: ['residential'] },
      },
    });
    expect(res.status).toBe(201);
    const routed = await eventually(async () => {
      const v = await view(res.json.requestId, { authorization: `Bearer ${res.json.accessToken}` });
      return v.status === 'ROUTED' ? v : undefined;
    });
    expect(routed.agencyId).toBe('district-2001');
    expect(routed.history.at(-1).note).toBe(
      'Routed to district-2001: no local government is registered for subdistrict 200103, so the district office receives it',
    );
  });

  it('refuses an elderly-allowance applicant under 60', async () => {
    const res = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'elderly-allowance',
        provinceCode: '20',
        districtCode: '2001',
        subdistrictCode: '200101',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
        details: { birthDate: '2010-01-01', paymentMethod: 'cash' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('details.birthDate');
  });
});

describe('counter filing (issue 13)', () => {
  it('lets counter staff file for a walk-in citizen, and refuses an officer without the role', async () => {
    const issuer = await loadOrCreateIssuer(dataDir);
    const body = {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ยาย', lastName: 'มา' },
      details: { category: 'road', subject: 'ถนนหน้าบ้านเป็นหลุม' },
    };
    const plain = await http(stack.url, 'POST', '/v1/counter/requests', {
      body,
      headers: asAgency('district-2001'),
    });
    expect(plain.status).toBe(403);
    const counter = await signAgencyToken(issuer, 'district-2001', { groups: ['counter'] });
    const filed = await http(stack.url, 'POST', '/v1/counter/requests', {
      body,
      headers: { authorization: `Bearer ${counter}` },
    });
    expect(filed.status).toBe(201);
    const v = await view(filed.json.requestId, { authorization: `Bearer ${filed.json.accessToken}` });
    expect(v.channel).toBe('counter');
    expect(v.history[0]).toMatchObject({ actor: 'agency:district-2001' });
    expect((await http(stack.url, 'POST', '/v1/counter/requests', { body })).status).toBe(401);
  });
});

describe('statistics', () => {
  it("add up: each status's per-service counts, waiting statuses included, sum to the province's", async () => {
    await houseNumberRequest(); // AWAITING_DOCUMENTS, counted from the index
    await stack.drainStreams();
    const stats = (await http(stack.url, 'GET', '/v1/stats?provinceCode=20')).json;
    expect(stats.byStatus.AWAITING_DOCUMENTS).toBeGreaterThanOrEqual(1);
    for (const [status, total] of Object.entries(stats.byStatus as Record<string, number>)) {
      const perService = Object.values(
        stats.byService as Record<string, { byStatus: Record<string, number> }>,
      ).reduce((sum, s) => sum + (s.byStatus[status] ?? 0), 0);
      expect(perService, status).toBe(total);
    }
  });
});

describe('escalations and the reconciler', () => {
  it('lets the Damrongdhama centre acknowledge an escalation, which then leaves its inbox', async () => {
    const { id, citizen } = await fileComplaint('เกินกำหนด');
    const entry = await inboxEntry('damrongdhama-20', id);
    await act('damrongdhama-20', id, { action: 'accept', receiptHandle: entry.receiptHandle });
    await act('damrongdhama-20', id, { action: 'forward', toAgencyId: 'pao-20', note: 'ของ อบจ.' });
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' },
        UpdateExpression: 'SET dueAt = :past',
        ExpressionAttributeValues: { ':past': '2026-01-05T16:30:00.000+07:00' },
      }),
    );
    const [sweeper] = stack.functionsNamed('sla-sweeper');
    expect(await sweeper?.invoke({})).toMatchObject({ escalated: 1 });
    const escalation = await inboxEntry('damrongdhama-20', id, 'escalation');
    // Another agency cannot acknowledge it; the centre can, once, with the escalation's handle.
    expect((await act('pao-20', id, { action: 'acknowledge' })).status).toBe(403);
    const ack = await act('damrongdhama-20', id, {
      action: 'acknowledge',
      note: 'โทรเร่ง อบจ. แล้ว',
      receiptHandle: escalation.receiptHandle,
    });
    expect(ack.status).toBe(200);
    expect(ack.json.agencyId).toBe('pao-20');
    const history = (await view(id, citizen)).history;
    expect(history.at(-1)).toMatchObject({
      actor: 'agency:damrongdhama-20',
      note: 'Escalation acknowledged: โทรเร่ง อบจ. แล้ว',
    });
    const inbox = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox?max=10&waitSeconds=0', {
      headers: asAgency('damrongdhama-20'),
    });
    expect(inbox.json.items.some((i: { request: { requestId: string } }) => i.request.requestId === id)).toBe(
      false,
    );
  });
});

describe('escalations that move province', () => {
  it('go to the new province’s centre; the old centre no longer sees them', async () => {
    tokens.set(
      'damrongdhama-93',
      await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-93'),
    );
    const { id } = await fileComplaint('เกินกำหนดแล้วย้ายจังหวัด');
    await inboxEntry('damrongdhama-20', id);
    await act('damrongdhama-20', id, { action: 'accept' });
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' },
        UpdateExpression: 'SET dueAt = :past',
        ExpressionAttributeValues: { ':past': '2026-01-05T16:30:00.000+07:00' },
      }),
    );
    expect(await stack.functionsNamed('sla-sweeper')[0]?.invoke({})).toMatchObject({ escalated: 1 });
    const moved = await act('damrongdhama-20', id, {
      action: 'forward',
      toAgencyId: 'pao-93',
      note: 'เป็นเรื่องของพัทลุง',
    });
    expect(moved.status).toBe(200);
    await inboxEntry('damrongdhama-93', id, 'escalation');
    const old = await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox?max=10&waitSeconds=0', {
      headers: asAgency('damrongdhama-20'),
    });
    expect(
      old.json.items.some(
        (i: { kind: string; request: { requestId: string } }) => i.request.requestId === id,
      ),
    ).toBe(false);
    expect((await stored(id))?.districtCode).toBeUndefined();
  });
});

describe('HTTP edges', () => {
  it('answers 405 with Allow, 400 for bad percent-encoding, and survives prototype names', async () => {
    const wrongMethod = await http(stack.url, 'DELETE', '/v1/services');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const badPath = await http(stack.url, 'GET', '/v1/services/%');
    expect(badPath.status).toBe(400);
    expect(badPath.json.error.code).toBe('BAD_PATH');
    const headerNames = await http(stack.url, 'GET', '/v1/services?constructor=1&__proto__=2', {
      headers: { constructor: 'x', __proto__: 'y' } as Record<string, string>,
    });
    expect(headerNames.status).toBe(200);
    expect(headerNames.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('names a forbidden key and a bad Idempotency-Key for what they are', async () => {
    const proto = await http(stack.url, 'POST', '/v1/requests', { raw: '{"__proto__":{"x":1}}' });
    expect(proto.status).toBe(400);
    expect(proto.json.error.code).toBe('FORBIDDEN_KEY');
    // Spelt with escapes, or as constructor.prototype: still the careful parser, still refused.
    for (const raw of ['{"\\u005f_proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}']) {
      const escaped = await http(stack.url, 'POST', '/v1/requests', { raw });
      expect(escaped.status, raw).toBe(400);
      expect(escaped.json.error.code, raw).toBe('FORBIDDEN_KEY');
    }
    const malformed = await http(stack.url, 'POST', '/v1/requests', { raw: '{"serviceCode":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('MALFORMED_JSON');
    const key = await http(stack.url, 'POST', '/v1/requests', {
      body: { serviceCode: 'complaint' },
      headers: { 'idempotency-key': 'short' },
    });
    expect(key.status).toBe(400);
    expect(key.json.error.issues.map((i: { path: string }) => i.path)).toContain('Idempotency-Key');
  });
});
