import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import {
  agencyTokens,
  eventually,
  http,
  type LocalStack,
  localApiKey,
  requestTable,
  runOss,
  startTestStack,
} from '../support/local-stack.ts';

/** Issue #18: what a district officer needs to work a case unaided. */
let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let table: ReturnType<typeof requestTable>;
let tokens: Map<string, string>;

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  tokens = await agencyTokens(dataDir, ['district-2001', 'district-2002', 'damrongdhama-20']);
  table = requestTable(stack);
});
afterAll(async () => {
  table?.close();
  await stack?.stop();
  dispose?.();
});

const asAgency = (agencyId: string) => ({ authorization: `Bearer ${tokens.get(agencyId)}` });
const stored = async (id: string) => (await table.stored(id)) as Record<string, any>;

const oss = (...args: string[]) => runOss(stack, dataDir, ...args);

async function landTaxRequest() {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'land-building-tax',
      provinceCode: '20',
      districtCode: '2001',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
      details: { parcelNo: '999', taxYear: 2026, useType: ['residential'] },
    },
  });
  expect(res.status, res.text).toBe(201);
  const id = res.json.requestId as string;
  await eventually(async () => ((await stored(id))?.status === 'ROUTED' ? true : undefined));
  return { id, citizen: { authorization: `Bearer ${res.json.accessToken}` } };
}

describe('revealing the full citizen ID on purpose', () => {
  it('gives the assigned agency the ID with a reason, on the record; everyone else sees the mask', async () => {
    const { id, citizen } = await landTaxRequest();
    // Stored sealed: neither the ID nor anything that reads as it is in the item.
    const item = await stored(id);
    expect(JSON.stringify(item)).not.toContain(VALID_CITIZEN_ID);
    // The record names its data key; the key's KMS-encrypted copy is stored once beside the records.
    expect(item.applicant.citizenIdSealed).toMatchObject({
      keyId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      data: expect.any(String),
    });
    expect(item.applicant.citizenIdSealed.key).toBeUndefined();
    const dataKey = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: { pk: `DATAKEY#${item.applicant.citizenIdSealed.keyId}`, sk: 'DATAKEY' },
      }),
    );
    expect(dataKey.Item?.encrypted).toEqual(expect.any(String));

    const reveal = (agencyId: string, body: unknown) =>
      http(stack.url, 'POST', `/v1/agencies/${agencyId}/requests/${id}/reveal`, {
        body,
        headers: asAgency(agencyId),
      });
    const noReason = await reveal('district-2001', {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues[0].path).toBe('reason');
    expect((await reveal('district-2002', { reason: 'ตรวจสอบตัวตน' })).status).toBe(403);
    expect((await stored(id)).version).toBe(item.version);

    const ok = await reveal('district-2001', { reason: 'ตรวจสอบตัวตนก่อนออกเลขที่บ้าน / identity check' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.citizenId).toBe(VALID_CITIZEN_ID);
    const last = (await stored(id)).history.at(-1);
    expect(last).toMatchObject({ actor: 'agency:district-2001', status: 'ROUTED' });
    expect(last.note).toMatch(/Full citizen ID revealed to officer .*: ตรวจสอบตัวตนก่อนออกเลขที่บ้าน/);
    expect(last.note).not.toContain(VALID_CITIZEN_ID);

    // The citizen's and the agency's views still carry only the mask.
    const citizenView = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen });
    expect(citizenView.text).not.toContain(VALID_CITIZEN_ID);
    // …while the citizen sees everything else they filed.
    expect(citizenView.json.details).toMatchObject({ parcelNo: '999', taxYear: 2026 });
    expect(citizenView.json.statusLabel.th).toBe('ส่งถึงหน่วยงานแล้ว');
    expect(citizenView.text).not.toContain('citizenIdSealed');
    const agencyView = await http(stack.url, 'GET', `/v1/agencies/district-2001/requests/${id}`, {
      headers: asAgency('district-2001'),
    });
    expect(agencyView.text).not.toContain(VALID_CITIZEN_ID);
    expect(agencyView.text).not.toContain('citizenIdSealed');

    const cli = await oss('agency', 'reveal', id, '--agency', 'district-2001', '--note', 'ยืนยันตัวตนที่เคาน์เตอร์');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(VALID_CITIZEN_ID);
    expect(
      (await stored(id)).history.filter((h: { note?: string }) => h.note?.includes('revealed')),
    ).toHaveLength(2);
  });
});

describe('an operator reading a stored record', () => {
  it('gets it decoded, packed or plain, with how it is stored, and the citizen ID still sealed', async () => {
    const { id } = await landTaxRequest();
    const cli = await oss('record', 'show', id);
    expect(cli.code, cli.stderr).toBe(0);
    const shown = JSON.parse(cli.stdout);
    expect(shown).toMatchObject({ requestId: id, status: 'ROUTED', details: { parcelNo: '999' } });
    expect(shown.history.map((h: { status: string }) => h.status)).toEqual(['SUBMITTED', 'ROUTED']);
    expect(cli.stdout).not.toContain(VALID_CITIZEN_ID);
    expect(cli.stderr).toMatch(/^stored (plain|packed): \d+ B/m);
    const bad = await oss('record', 'show', 'not-an-id');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a request ID/);
  });
});

describe('an agency after it forwards a request', () => {
  it('can still read it (read-only), but no longer act on it', async () => {
    const { id } = await landTaxRequest();
    const act = (agencyId: string, body: unknown) =>
      http(stack.url, 'POST', `/v1/agencies/${agencyId}/requests/${id}/actions`, {
        body,
        headers: asAgency(agencyId),
      });
    const forwarded = await act('district-2001', {
      action: 'forward',
      toAgencyId: 'district-2002',
      note: 'ที่ดินอยู่ในเขตอำเภอศรีราชา / the parcel is in Si Racha',
    });
    expect(forwarded.status, forwarded.text).toBe(200);
    const read = await http(stack.url, 'GET', `/v1/agencies/district-2001/requests/${id}`, {
      headers: asAgency('district-2001'),
    });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ requestId: id, agencyId: 'district-2002', readOnly: true });
    expect((await act('district-2001', { action: 'accept' })).status).toBe(403);
    // The new holder reads it as its own; an agency that never touched it still cannot.
    const holder = await http(stack.url, 'GET', `/v1/agencies/district-2002/requests/${id}`, {
      headers: asAgency('district-2002'),
    });
    expect(holder.json.readOnly).toBeUndefined();
    const stranger = await http(stack.url, 'GET', `/v1/agencies/damrongdhama-20/requests/${id}`, {
      headers: asAgency('damrongdhama-20'),
    });
    expect(stranger.status).toBe(403);
  });
});

describe("an agency's request list", () => {
  it('pages newest first with a cursor, open work before finished, and filters by status, service and overdue', async () => {
    const agency = 'district-2001';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await landTaxRequest()).id);
    // Finish two: they must not push the open ones off the first page.
    for (const id of ids.slice(0, 2)) {
      for (const body of [{ action: 'accept' }, { action: 'complete', note: 'เสร็จ' }]) {
        const r = await http(stack.url, 'POST', `/v1/agencies/${agency}/requests/${id}/actions`, {
          body,
          headers: asAgency(agency),
        });
        expect(r.status, r.text).toBe(200);
      }
    }
    const list = (q: string) =>
      http(stack.url, 'GET', `/v1/agencies/${agency}/requests?${q}`, { headers: asAgency(agency) });

    const first = await list('limit=2');
    expect(first.status, first.text).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.items.every((i: { status: string }) => i.status === 'ROUTED')).toBe(true);
    // Newest filed first.
    expect(first.json.items[0].createdAt >= first.json.items[1].createdAt).toBe(true);
    const seen = new Set<string>();
    let cursor: string | undefined = first.json.next;
    for (const i of first.json.items) seen.add(i.requestId);
    while (cursor) {
      const page = await list(`limit=2&cursor=${cursor}`);
      expect(page.status, page.text).toBe(200);
      for (const i of page.json.items) seen.add(i.requestId);
      cursor = page.json.next;
    }
    for (const id of ids) expect(seen.has(id), id).toBe(true);

    const completed = await list('status=completed');
    expect(completed.json.items.map((i: { requestId: string }) => i.requestId)).toEqual(
      expect.arrayContaining(ids.slice(0, 2)),
    );
    expect(completed.json.items.every((i: { status: string }) => i.status === 'COMPLETED')).toBe(true);
    expect((await list('serviceCode=complaint')).json.items).toEqual([]);
    expect(
      (await list('serviceCode=land-building-tax&status=ROUTED')).json.items.length,
    ).toBeGreaterThanOrEqual(3);
    expect((await list('overdue=true')).json.items).toEqual([]);

    const badCursor = await list('cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.error.issues[0].path).toBe('cursor');
    // Another agency's cursor does not continue this list.
    const foreign = Buffer.from(JSON.stringify({ a: 'district-2002', s: 0 })).toString('base64url');
    expect((await list(`cursor=${foreign}`)).status).toBe(400);
    expect((await list('status=nonsense')).status).toBe(400);

    const cli = await oss('agency', 'list', '--agency', agency, '--status', 'routed', '--max', '1');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/next page: npm run oss -- agency list --agency district-2001 --cursor /);
  });
});

describe('public reads (Open311)', () => {
  it('carry no words of notes or reasons: no name, phone or citizen ID planted in them leaks', async () => {
    const { id } = await landTaxRequest();
    const secret = 'นายสมชาย ใจดี โทร 0812345678 เลขบัตร 1101700230708';
    const act = (body: unknown) =>
      http(stack.url, 'POST', `/v1/agencies/district-2001/requests/${id}/actions`, {
        body,
        headers: asAgency('district-2001'),
      });
    expect((await act({ action: 'accept', note: secret })).status).toBe(200);
    expect((await act({ action: 'request-info', note: secret })).status).toBe(200);
    const reveal = await http(stack.url, 'POST', `/v1/agencies/district-2001/requests/${id}/reveal`, {
      body: { reason: secret },
      headers: asAgency('district-2001'),
    });
    expect(reveal.status).toBe(200);
    const reads = [
      `/open311/v2/requests/${id}.json`,
      `/open311/v2/requests/${id}.json?extensions=true`,
      `/open311/v2/requests/${id}.xml?extensions=true`,
      `/open311/v2/requests.json?jurisdiction_id=20&service_request_id=${id}`,
      `/open311/v2/requests.xml?jurisdiction_id=20&service_request_id=${id}&extensions=true`,
    ];
    for (const route of reads) {
      const res = await http(stack.url, 'GET', route);
      expect(res.status, `${route}: ${res.text}`).toBe(200);
      expect(res.text, route).toContain(id);
      for (const planted of ['0812345678', '1101700230708', 'สมชาย', 'ใจดี', 'revealed']) {
        expect(res.text, `${route} leaks ${planted}`).not.toContain(planted);
      }
    }
    const one = await http(stack.url, 'GET', `/open311/v2/requests/${id}.json`);
    expect(one.json[0].status_notes).toBe('More information needed / ขอข้อมูลเพิ่มเติม');
  });
});

describe('media_url from Open311 clients', () => {
  it('is kept when it is an https URL, shown to the agency and publicly, and refused otherwise', async () => {
    const apiKey = await localApiKey(stack, 'media test');
    const post = (mediaUrl: string) =>
      http(stack.url, 'POST', '/open311/v2/requests.json', {
        raw: new URLSearchParams({
          api_key: apiKey,
          jurisdiction_id: '20',
          service_code: 'complaint',
          'attribute[citizen_id]': VALID_CITIZEN_ID,
          'attribute[first_name]': 'สมชาย',
          'attribute[last_name]': 'ใจดี',
          'attribute[category]': 'road',
          'attribute[subject]': 'หลุมบนถนน',
          lat: '13.3611',
          long: '100.9847',
          media_url: mediaUrl,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const photo = 'https://photos.example.org/pothole/1.jpg';
    const ok = await post(photo);
    expect(ok.status, ok.text).toBe(200);
    const id = ok.json[0].service_request_id as string;
    const pub = await http(stack.url, 'GET', `/open311/v2/requests/${id}.json`);
    expect(pub.json[0].media_url).toBe(photo);
    const routed = await eventually(async () => ((await stored(id))?.status === 'ROUTED' ? true : undefined));
    expect(routed).toBe(true);
    const agency = await http(stack.url, 'GET', `/v1/agencies/damrongdhama-20/requests/${id}`, {
      headers: asAgency('damrongdhama-20'),
    });
    expect(agency.json.mediaUrl).toBe(photo);
    for (const bad of [
      'http://photos.example.org/1.jpg',
      'javascript:alert(1)',
      `https://x.org/${'a'.repeat(2001)}`,
    ]) {
      const refused = await post(bad);
      expect(refused.status, bad).toBe(400);
      expect(refused.json[0].description).toMatch(/^media_url: /);
    }
  });
});
