import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyTokens,
  eventually,
  http,
  type LocalStack,
  localApiKey,
  startTestStack,
} from '../support/local-stack.ts';

/**
 * FixMyStreet as an Open311 client of OSS, replayed: the calls mySociety's `perllib/Open311.pm`
 * makes (send_service_request, get_service_requests, get_service_request_updates,
 * post_service_request_update) with the parameters it sends, and the XML read the way that client
 * reads it (XML::Simple with ForceArray on the list elements, empty elements as undefined, the
 * root element's name ignored).
 */
const FORCE_ARRAY = new Set(['service', 'attribute', 'value', 'request', 'error', 'request_update', 'group']);
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (n) => FORCE_ARRAY.has(n),
});
/** Like `XMLin`: the document's single root element's content, `''` turned into undefined. */
function xmlIn(text: string): any {
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== '?xml');
  const empty = (v: unknown): unknown =>
    v === ''
      ? undefined
      : Array.isArray(v)
        ? v.map(empty)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, empty(x)]))
          : v;
  return empty(root ? doc[root] : undefined);
}
/** W3CDTF in UTC, as FixMyStreet formats start_date and end_date. */
const w3c = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let apiKey: string;
let base: string;
let officer: Record<string, string>;
const AGENCY = 'damrongdhama-20';
const PERSONAL = ['1101700230708', 'สมศรี', 'มีสุข', '0891234567', 'somsri@example.com'];

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  base = `${stack.url}/open311/v2`;
  apiKey = await localApiKey(stack, 'fixmystreet.example');
  const tokens = await agencyTokens(dataDir, [AGENCY]);
  officer = { authorization: `Bearer ${tokens.get(AGENCY)}` };
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return body.toString();
};
const post = (route: string, fields: Record<string, string | string[]>) =>
  http(base, 'POST', route, {
    raw: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
const get = (route: string) => http(base, 'GET', route);

/** What send_service_request posts for a FixMyStreet report in category "complaint". */
const report = (extra: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  jurisdiction_id: '20',
  service_code: 'complaint',
  description: 'ไฟถนนดับหน้าบ้านเลขที่ 12 โทร 0891234567',
  first_name: 'สมศรี',
  last_name: 'มีสุข',
  email: 'somsri@example.com',
  phone: '089-123-4567',
  lat: '13.361143',
  long: '100.984672',
  address_string: 'ถนนสุขุมวิท ต.บางปลาสร้อย อ.เมืองชลบุรี',
  media_url: 'https://fixmystreet.example/photo/1234.full.jpeg',
  'attribute[citizen_id]': '1101700230708',
  // FixMyStreet also sends the last name as an attribute, with the same value.
  'attribute[last_name]': 'มีสุข',
  'attribute[category]': 'electricity',
  'attribute[subject]': 'ไฟถนนดับ',
  'attribute[incidentAt]': '2026-11-20T21:30',
  ...extra,
});

async function act(id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await http(stack.url, 'POST', `/v1/agencies/${AGENCY}/requests/${id}/actions`, {
    body: { action, ...body },
    headers: officer,
  });
  expect(res.status, `${action}: ${res.text}`).toBe(200);
  return res.json;
}

describe('FixMyStreet replayed against OSS', () => {
  let id: string;
  const since = new Date(Date.now() - 60_000);

  it('send_service_request: POST requests.xml files the report and answers one scalar service_request_id', async () => {
    const services = xmlIn((await get('/services.xml?jurisdiction_id=20')).text);
    expect(services.service.map((s: { service_code: string }) => s.service_code)).toContain('complaint');
    const meta = xmlIn((await get('/services/complaint.xml?jurisdiction_id=20')).text);
    expect(meta.attributes.attribute.map((a: { code: string }) => a.code)).toContain('incidentAt');

    const res = await post('/requests.xml', report());
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const answer = xmlIn(res.text);
    id = answer.request[0].service_request_id;
    expect(typeof id).toBe('string');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // The agency sees everything the client sent, the exact point and the photo link.
    // (once routed to it: the router runs from the intake queue)
    const seen = await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/agencies/${AGENCY}/requests/${id}`, { headers: officer });
      return r.status === 200 ? r : undefined;
    });
    expect(seen.json.location).toEqual({
      lat: 13.361143,
      lon: 100.984672,
      address: 'ถนนสุขุมวิท ต.บางปลาสร้อย อ.เมืองชลบุรี',
    });
    expect(seen.json.mediaUrl).toBe('https://fixmystreet.example/photo/1234.full.jpeg');
    expect(seen.json.details.incidentAt).toBe('2026-11-20T21:30:00+07:00');
    expect(seen.json.channel).toBe('open311');
  });

  it('get_service_requests: GET requests.xml shows the report with a rounded point and its photo', async () => {
    const res = xmlIn((await get(`/requests.xml?jurisdiction_id=20&service_request_id=${id}`)).text);
    const [r] = res.request;
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'complaint',
      lat: '13.361',
      long: '100.985',
      media_url: 'https://fixmystreet.example/photo/1234.full.jpeg',
    });
    expect(r.description).toBeUndefined(); // the report's words stay with the agency
  });

  it('post_service_request_update: a comment goes on the record once, to the agency, never changing the status', async () => {
    // The centre takes the report first (it reaches its inbox through routing).
    await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/agencies/${AGENCY}/requests/${id}`, { headers: officer });
      return r.json?.status === 'ROUTED' ? true : undefined;
    });
    await act(id, 'accept', { note: 'รับเรื่องแล้ว ผู้แจ้ง สมศรี มีสุข 0891234567' });
    const comment = {
      api_key: apiKey,
      jurisdiction_id: '20',
      service_request_id: id,
      update_id: '98765',
      updated_datetime: '2026-11-23T10:15:00+00:00',
      status: 'CLOSED',
      description: 'ยังดับอยู่ครับ',
      first_name: 'สมศรี',
      last_name: 'มีสุข',
      email: 'somsri@example.com',
      media_url: 'https://fixmystreet.example/photo/c/55.jpeg',
    };
    const first = await post('/servicerequestupdates.xml', comment);
    expect(first.status, first.text).toBe(200);
    const updateId = xmlIn(first.text).request_update[0].update_id;
    expect(updateId).toMatch(new RegExp(`^${id}:\\d+$`));
    // FixMyStreet retries a POST it did not see answered: the same update, recorded once.
    const again = await post('/servicerequestupdates.xml', comment);
    expect(xmlIn(again.text).request_update[0].update_id).toBe(updateId);
    const seen = await http(stack.url, 'GET', `/v1/agencies/${AGENCY}/requests/${id}`, { headers: officer });
    expect(seen.json.status).toBe('IN_PROGRESS');
    const comments = seen.json.history.filter((h: { note?: string }) => h.note?.includes('ยังดับอยู่ครับ'));
    expect(comments).toHaveLength(1);
    expect(comments[0].actor).toBe('citizen');
    expect(comments[0].note).toContain('https://fixmystreet.example/photo/c/55.jpeg');
    // Bad comments: each problem named, nothing recorded.
    const bad = await post('/servicerequestupdates.xml', {
      ...comment,
      update_id: '98766',
      description: '',
      media_url: 'http://insecure.example/x.jpg',
    });
    expect(bad.status).toBe(400);
    const errors = xmlIn(bad.text).error.map((e: { description: string }) => e.description);
    expect(errors.some((e: string) => e.startsWith('description:'))).toBe(true);
    expect(errors.some((e: string) => e.startsWith('media_url:'))).toBe(true);
    expect((await post('/servicerequestupdates.xml', { ...comment, api_key: '' })).status).toBe(403);
    expect(
      (await post('/servicerequestupdates.xml', { ...comment, service_request_id: 'nope', update_id: '1' }))
        .status,
    ).toBe(404);
    const after = await http(stack.url, 'GET', `/v1/agencies/${AGENCY}/requests/${id}`, { headers: officer });
    expect(after.json.history).toHaveLength(seen.json.history.length);
    // A comment and its link are one bounded note; a link is plain ASCII.
    const long = await post('/servicerequestupdates.xml', {
      ...comment,
      update_id: '98768',
      description: 'ก'.repeat(990),
    });
    expect(xmlIn(long.text).error[0].description).toMatch(
      /^description: at most \d+ characters with this media_url/,
    );
    // Comments count whether or not the client names them: the eleventh on a request is refused.
    for (let n = 2; n <= 10; n++) {
      const r = await post('/servicerequestupdates.json', {
        api_key: apiKey,
        service_request_id: id,
        description: `ความเห็น ${n}`,
      });
      expect(r.status, r.text).toBe(200);
    }
    const eleventh = await post('/servicerequestupdates.json', {
      api_key: apiKey,
      service_request_id: id,
      description: 'อีก',
    });
    expect(eleventh.status).toBe(400);
    expect(eleventh.json[0].description).toMatch(/takes no more comments/);
  });

  it('get_service_request_updates: every public status change in the window, with published words only', async () => {
    await act(id, 'request-info', { note: 'ขอเบอร์ติดต่อ สมศรี 0891234567' });
    await act(id, 'resume');
    await act(id, 'complete', { note: 'เปลี่ยนหลอดไฟแล้ว', publish: true });
    // The change log follows the table's stream in batches: a change shows seconds later.
    await stack.drainStreams();
    const res = await get(
      `/servicerequestupdates.xml?jurisdiction_id=20&api_key=&start_date=${w3c(since)}&end_date=${w3c(new Date(Date.now() + 1000))}`,
    );
    expect(res.status, res.text).toBe(200);
    const updates = xmlIn(res.text).request_update.filter(
      (u: { service_request_id: string }) => u.service_request_id === id,
    );
    expect(updates.map((u: { status: string }) => u.status)).toEqual([
      'in_progress',
      'investigating',
      'in_progress',
      'fixed',
    ]);
    expect(updates.map((u: { external_status_code: string }) => u.external_status_code)).toEqual([
      'IN_PROGRESS',
      'NEEDS_INFO',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    for (const u of updates) {
      // W3CDTF with an offset, inside the window FixMyStreet asked for.
      expect(u.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$/);
      expect(Date.parse(u.updated_datetime)).toBeGreaterThanOrEqual(since.getTime());
      expect(u.update_id).toBeTruthy();
    }
    expect(new Set(updates.map((u: { update_id: string }) => u.update_id)).size).toBe(4);
    // The log keeps 90 days: a start older than that is refused, not answered short.
    const old = await get(
      '/servicerequestupdates.json?jurisdiction_id=20&start_date=2024-01-01T00:00:00Z&end_date=2024-01-02T00:00:00Z',
    );
    expect(old.status).toBe(400);
    expect(old.json[0].description).toMatch(/at most 90 days ago/);
    // Only the note the officer published is shown; the others are the standard messages.
    expect(updates[3].description).toContain('เปลี่ยนหลอดไฟแล้ว');
    expect(updates[0].description).not.toContain('0891234567');
    // A later window holds none of them; JSON carries the same.
    const later = await get(
      `/servicerequestupdates.json?jurisdiction_id=20&start_date=${w3c(new Date(Date.now() + 60_000))}&end_date=${w3c(new Date(Date.now() + 120_000))}`,
    );
    expect(later.json).toEqual([]);
    const json = await get(`/servicerequestupdates.json?jurisdiction_id=20&start_date=${w3c(since)}`);
    expect(json.json.filter((u: { service_request_id: string }) => u.service_request_id === id)).toHaveLength(
      4,
    );
    // A closed report takes no more comments.
    const closed = await post('/servicerequestupdates.xml', {
      api_key: apiKey,
      service_request_id: id,
      update_id: '98767',
      description: 'ขอบคุณครับ',
    });
    expect(closed.status).toBe(400);
  });

  it('a rejected report reads as closed with a note that says so, and no_further_action as an update', async () => {
    const filed = xmlIn(
      (await post('/requests.xml', report({ 'attribute[subject]': 'ไม่ใช่เรื่องของเรา' }))).text,
    );
    const other = filed.request[0].service_request_id;
    await eventually(async () => {
      const r = await http(stack.url, 'GET', `/v1/agencies/${AGENCY}/requests/${other}`, {
        headers: officer,
      });
      return r.json?.status === 'ROUTED' ? true : undefined;
    });
    // A forward's or a bill's note is never published (it carries system text).
    const refused = await http(stack.url, 'POST', `/v1/agencies/${AGENCY}/requests/${other}/actions`, {
      body: { action: 'forward', toAgencyId: 'pao-20', note: 'ส่งต่อ', publish: true },
      headers: officer,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues[0].path).toBe('publish');
    await act(other, 'reject', { note: 'ไม่อยู่ในอำนาจ แจ้ง สมศรี มีสุข 0891234567 แล้ว' });
    const [r] = xmlIn(
      (await get(`/requests.xml?jurisdiction_id=20&service_request_id=${other}`)).text,
    ).request;
    expect(r.status).toBe('closed');
    expect(r.status_notes).toMatch(/Rejected/);
    await stack.drainStreams();
    const updates = xmlIn(
      (await get(`/servicerequestupdates.xml?jurisdiction_id=20&start_date=${w3c(since)}`)).text,
    ).request_update.filter((u: { service_request_id: string }) => u.service_request_id === other);
    expect(updates.map((u: { status: string }) => u.status)).toEqual(['no_further_action']);
  });

  it('public reads carry no personal data planted in notes, reasons and the report', async () => {
    // A citizen's own request, cancelled with a reason full of personal data.
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: { citizenId: '1101700230708', firstName: 'สมศรี', lastName: 'มีสุข', phone: '0891234567' },
        details: { category: 'road', subject: 'ถนนชำรุด' },
        location: { lat: 13.36, lon: 100.98 },
      },
    });
    expect(filed.status, filed.text).toBe(201);
    const cancel = await http(stack.url, 'POST', `/v1/requests/${filed.json.requestId}/cancel`, {
      body: { reason: 'ยื่นซ้ำ สมศรี มีสุข 1101700230708 0891234567 somsri@example.com' },
      headers: { authorization: `Bearer ${filed.json.accessToken}` },
    });
    expect(cancel.status, cancel.text).toBe(200);
    await stack.drainStreams();
    const window = `start_date=${w3c(since)}`;
    const publicReads = [
      `/requests.json?jurisdiction_id=20`,
      `/requests.xml?jurisdiction_id=20&extensions=true`,
      `/requests/${filed.json.requestId}.json?extensions=true`,
      `/requests/${id}.xml?extensions=true`,
      `/servicerequestupdates.json?jurisdiction_id=20&${window}`,
      `/servicerequestupdates.xml?jurisdiction_id=20&${window}`,
    ];
    for (const route of publicReads) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      for (const secret of PERSONAL) expect(res.text, `${route} shows ${secret}`).not.toContain(secret);
    }
    const stats = await http(stack.url, 'GET', '/v1/stats?provinceCode=20');
    for (const secret of PERSONAL) expect(stats.text).not.toContain(secret);
  });

  it('multipart POST works, and files are refused with a clear 400 (send media_url)', async () => {
    const multipart = new FormData();
    for (const [k, v] of Object.entries(report({ 'attribute[subject]': 'ส่งแบบ multipart' })))
      for (const x of [v].flat()) multipart.append(k, x);
    const ok = await fetch(`${base}/requests.xml`, { method: 'POST', body: multipart });
    const text = await ok.text();
    expect(ok.status, text).toBe(200);
    expect(xmlIn(text).request[0].service_request_id).toMatch(/^[0-9a-f-]{36}$/);
    multipart.append(
      'photo1',
      new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
      'a.jpg',
    );
    const withFile = await fetch(`${base}/requests.xml`, { method: 'POST', body: multipart });
    expect(withFile.status).toBe(400);
    expect(xmlIn(await withFile.text()).error[0].description).toMatch(/^photo1: .*media_url/);
  });

  it('refuses what the native API refuses, each problem named by its Open311 parameter', async () => {
    const noPlace = report();
    for (const k of ['lat', 'long', 'address_string']) delete (noPlace as Record<string, unknown>)[k];
    const res = await post('/requests.xml', noPlace);
    expect(res.status).toBe(400);
    expect(xmlIn(res.text).error[0].description).toMatch(/^lat: a location is required/);
    // An address id alone is a location, and it is kept.
    const byId = await post('/requests.json', { ...noPlace, address_id: 'HOUSE-2001-12' });
    expect(byId.status, byId.text).toBe(200);
    const problems = await post('/requests.json', {
      ...report({ 'attribute[uprn]': '100023336956', 'attribute[first_name]': 'สมชาย' }),
      'attribute[category]': ['road', 'water'],
    });
    expect(problems.status).toBe(400);
    const said = problems.json.map((e: { description: string }) => e.description);
    expect(said).toEqual(
      expect.arrayContaining([
        'attribute[uprn]: is not an attribute of service complaint',
        'attribute[category]: takes one value; it was sent more than once',
        'first_name: differs from attribute[first_name]; send one name',
      ]),
    );
  });

  it('answers every path under /open311/v2 in the format it asks for: 404, 405 and missing formats', async () => {
    const unknown = await get('/nothing-here.xml');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(xmlIn(unknown.text).error[0].code).toBe('404');
    const deep = await get('/requests/a/b.json');
    expect(deep.status).toBe(404);
    expect(deep.json[0].code).toBe(404);
    const wrong = await http(base, 'DELETE', '/requests.xml');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expect(xmlIn(wrong.text).error[0].code).toBe('405');
    const put = await http(base, 'PUT', '/services.json');
    expect(put.status).toBe(405);
    expect(put.json[0].description).toMatch(/PUT is not allowed/);
    const noFormat = await get('/requests');
    expect(noFormat.status).toBe(404);
    expect(noFormat.json[0].description).toMatch(/\.json or \.xml/);
  });
});
