import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey, revokeKey } from '../../shared/app/api-keys.ts';
import { http, type LocalStack, localApiKey, startTestStack } from '../support/local-stack.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = (name: string) => JSON.parse(readFileSync(path.join(here, 'schemas', name), 'utf8'));

// The published GeoReport v2 schemas; service.json and request.json lack an $id, added here.
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addSchema({ ...schema('service.json'), $id: 'service.json' });
ajv.addSchema({ ...schema('request.json'), $id: 'request.json' });
const validators = {
  services: ajv.compile(schema('services.json')),
  serviceDefinition: ajv.compile(schema('service-definition.json')),
  requests: ajv.compile(schema('requests.json')),
};
const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'attribute', 'value', 'error', 'note', 'endpoint', 'format'].includes(name),
});

let stack: LocalStack;
let dispose: () => void;
let apiKey: string;
let base: string;

beforeAll(async () => {
  ({ stack, dispose } = await startTestStack());
  base = `${stack.url}/open311/v2`;
  apiKey = await localApiKey(stack, 'conformance suite');
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

const get = (route: string) => http(base, 'GET', route);
const post = (route: string, fields: Record<string, string>) =>
  http(base, 'POST', route, {
    raw: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

const complaintForm = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  jurisdiction_id: '20',
  service_code: 'complaint',
  lat: '13.3611',
  long: '100.9847',
  description: 'ไฟถนนดับ / street light out',
  'attribute[citizen_id]': '1101700230708',
  'attribute[first_name]': 'สมชาย',
  'attribute[last_name]': 'ใจดี',
  'attribute[category]': 'electricity',
  'attribute[subject]': 'ไฟถนนดับ',
  ...extra,
});

describe('Open311 GeoReport v2 conformance', () => {
  it('discovery in JSON and XML', async () => {
    const j = await get('/discovery.json');
    expect(j.status).toBe(200);
    expect(j.json.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['text/xml', 'application/json'],
    });
    const x = await get('/discovery.xml');
    expect(x.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
    expect(xml.parse(x.text).discovery.endpoints.endpoint[0].url).toBe(`${stack.url}/open311/v2`);
  });

  it('services validate against services.json, in both formats', async () => {
    const j = await get('/services.json');
    expect(validators.services(j.json), JSON.stringify(validators.services.errors)).toBe(true);
    const codes = j.json.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('complaint');
    // Services that need documents are filed on the site: Open311 has no upload and no access token.
    expect(codes).not.toContain('house-number');
    const x = xml.parse((await get('/services.xml')).text);
    expect(x.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(
      j.json.map((s: { service_code: string }) => s.service_code),
    );
    expect((await get('/services.json?jurisdiction_id=99')).status).toBe(404);
  });

  it('service definitions expose the OSS fields and the citizen ID as attributes', async () => {
    const j = await get('/services/change-of-address.json?jurisdiction_id=20');
    expect(validators.serviceDefinition(j.json), JSON.stringify(validators.serviceDefinition.errors)).toBe(
      true,
    );
    const byCode = Object.fromEntries(j.json.attributes.map((a: { code: string }) => [a.code, a]));
    expect(byCode.citizen_id).toMatchObject({ required: true, datatype: 'string', order: 1 });
    expect(byCode.district_code.datatype).toBe('singlevaluelist');
    expect(byCode.district_code.values).toContainEqual({ key: '2001', name: 'เมืองชลบุรี / Mueang Chon Buri' });
    expect(byCode.moveType.datatype).toBe('singlevaluelist');
    const withDocuments = await get('/services/house-number.json');
    expect(withDocuments.status).toBe(404);
    expect(withDocuments.json[0].description).toMatch(/needs documents .* filed on the OSS website/);
    const datatypes = new Set(
      (
        await Promise.all(
          ['complaint', 'land-building-tax', 'change-of-address', 'hotel-fee-pao'].map((c) =>
            get(`/services/${c}.json`),
          ),
        )
      ).flatMap((r) => r.json.attributes.map((a: { datatype: string }) => a.datatype)),
    );
    expect([...datatypes].sort()).toEqual([
      'datetime',
      'multivaluelist',
      'number',
      'singlevaluelist',
      'string',
      'text',
    ]);
    const x = xml.parse((await get('/services/change-of-address.xml')).text);
    expect(x.service_definition.attributes.attribute[0].code).toBe('citizen_id');
    const missing = await get('/services/nope.json');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual([{ code: 404, description: 'service_code nope not found' }]);
  });

  it('POST requests needs a valid api_key (403), a known jurisdiction (404) and valid attributes (400)', async () => {
    const noKey = await post('/requests.json', { ...complaintForm(), api_key: '' });
    expect(noKey.status).toBe(403);
    expect(noKey.json).toEqual([{ code: 403, description: 'api_key is missing, unknown or revoked' }]);
    const badKey = await post('/requests.xml', { ...complaintForm(), api_key: 'oss_not_a_key' });
    expect(badKey.status).toBe(403);
    expect(xml.parse(badKey.text).errors.error[0].code).toBe('403');
    expect((await post('/requests.json', complaintForm({ jurisdiction_id: '99' }))).status).toBe(404);
    expect((await post('/requests.json', complaintForm({ service_code: 'nope' }))).status).toBe(404);
    const badId = await post('/requests.json', complaintForm({ 'attribute[citizen_id]': '1101700230709' }));
    expect(badId.status).toBe(400);
    expect(badId.json[0].description).toMatch(/^attribute\[citizen_id\]: /);
    const badField = await post('/requests.json', complaintForm({ 'attribute[category]': 'fire' }));
    expect(badField.status).toBe(400);
    expect(badField.json[0].description).toMatch(/^attribute\[category\]: must be one of/);
    // A revoked key stops working.
    const temporary = await issueApiKey('temporary');
    expect(await revokeKey(temporary)).toBe(true);
    expect((await post('/requests.json', complaintForm({ api_key: temporary }))).status).toBe(403);
  });

  it('files a request with an api_key and reads it back in JSON and XML, by id, by filters and by token', async () => {
    const created = await post('/requests.json', complaintForm());
    expect(created.status).toBe(200);
    const [{ service_request_id: id }] = created.json;
    const one = await get(`/requests/${id}.json`);
    expect(validators.requests(one.json), JSON.stringify(validators.requests.errors)).toBe(true);
    expect(one.json[0]).toMatchObject({
      service_code: 'complaint',
      status: 'open',
      // Public views round the point to about 110 m; the agency sees the exact one.
      lat: 13.361,
      long: 100.985,
    });
    expect(one.json[0].expected_datetime).toMatch(/T16:30:00\.000\+07:00$/);
    expect(one.json[0].requested_datetime).toMatch(/\+07:00$/);
    expect(one.text).not.toContain('1101700230708'); // public view: no personal data

    const ext = await get(`/requests/${id}.json?extensions=true`);
    expect(ext.json[0].notes.map((n: { actor: string }) => n.actor)[0]).toBe('citizen');
    const x = xml.parse((await get(`/requests/${id}.xml`)).text);
    expect(x.service_requests.request[0].service_request_id).toBe(id);

    const list = await get('/requests.json?jurisdiction_id=20&service_code=complaint&status=open');
    expect(validators.requests(list.json)).toBe(true);
    expect(list.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const closed = await get('/requests.json?jurisdiction_id=20&status=closed');
    expect(closed.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    const byIds = await get(`/requests.json?service_request_id=${id}`);
    expect(byIds.json).toHaveLength(1);
    const old = await get(
      '/requests.json?jurisdiction_id=20&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z',
    );
    expect(old.json).toEqual([]);
    const token = await get(`/tokens/${id}.json`);
    expect(token.json).toEqual([{ service_request_id: id, token: id }]);
  });

  it('takes what FixMyStreet-style clients send: zone-less date-times, written phone numbers, status lists', async () => {
    // datetime-local posts no zone (Bangkok time here); phone numbers come as people write them.
    const created = await post(
      '/requests.json',
      complaintForm({ 'attribute[incidentAt]': '2026-11-01T09:00', phone: '(038) 123 456' }),
    );
    expect(created.status, created.text).toBe(200);
    const [{ service_request_id: id }] = created.json;
    for (const status of ['status=open,closed', 'status=open&status=closed', 'status=closed,open']) {
      const list = await get(`/requests.json?jurisdiction_id=20&${status}`);
      expect(list.status, status).toBe(200);
      expect(
        list.json.map((r: { service_request_id: string }) => r.service_request_id),
        status,
      ).toContain(id);
    }
    // A request is found only in its own jurisdiction.
    expect((await get(`/requests/${id}.json?jurisdiction_id=20`)).status).toBe(200);
    expect((await get(`/requests/${id}.json?jurisdiction_id=93`)).status).toBe(404);
    // An id list is honoured in full, or refused with its bound: never silently cut.
    const many = Array.from({ length: 1001 }, (_, i) => String(i)).join(',');
    const tooMany = await get(`/requests.json?service_request_id=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json[0].description).toContain('at most 1000');
  });

  it('names every problem of a POST by the Open311 parameter the client sent', async () => {
    const bad = await post('/requests.json', {
      ...complaintForm({ 'attribute[citizen_id]': '123', phone: 'not a phone' }),
      'attribute[first_name]': '',
      'attribute[last_name]': '',
    });
    expect(bad.status).toBe(400);
    // One error per problem, each named by its parameter.
    const description = bad.json.map((e: { description: string }) => e.description).join('\n');
    expect(bad.json.length).toBeGreaterThanOrEqual(4);
    expect(description).toContain('attribute[citizen_id]');
    expect(description).toContain('first_name');
    expect(description).toContain('phone');
    expect(description).not.toContain('applicant.');
  });

  it('refuses bad filters with the standard error array', async () => {
    const range = await get(
      '/requests.json?jurisdiction_id=20&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    );
    expect(range.status).toBe(400);
    expect(range.json[0]).toEqual({
      code: 400,
      description: 'start_date and end_date may be at most 90 days apart',
    });
    expect((await get('/requests.json?jurisdiction_id=20&status=pending')).status).toBe(400);
    expect((await get('/requests.json')).status).toBe(400);
    expect((await get('/requests/00000000-0000-4000-8000-000000000000.json')).status).toBe(404);
    expect((await get('/tokens/unknown.xml')).status).toBe(404);
  });
});
