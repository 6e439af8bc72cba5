import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let doc: any;
let ajv: Ajv2020;

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  const r = await http(stack.url, 'GET', '/openapi.json');
  expect(r.status).toBe(200);
  doc = r.json;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'oss', components: doc.components });
});
afterAll(async () => {
  await stack?.stop();
  dispose?.();
});

/** Checks a live response against the document's schema for that path, method and status. */
function conforms(path: string, method: string, status: number, body: unknown) {
  const response = doc.paths[path]?.[method]?.responses?.[String(status)];
  expect(response, `${method} ${path} ${status} is documented`).toBeDefined();
  const ref: string = response.content['application/json'].schema.$ref;
  const validate = ajv.getSchema(`oss${ref}`);
  expect(validate, ref).toBeDefined();
  const ok = validate?.(body);
  expect(ok, `${method} ${path} ${status}: ${JSON.stringify(validate?.errors)}`).toBe(true);
}

describe('OpenAPI document generated from the zod schemas', () => {
  it('is an OpenAPI 3.1 document covering the native routes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/requests',
        '/v1/requests/{id}',
        '/v1/agencies/{agencyId}/requests/{id}/actions',
        '/v1/stats',
      ]),
    );
    expect(doc.components.schemas.SubmitRequest.required).toEqual(
      expect.arrayContaining(['serviceCode', 'provinceCode', 'applicant']),
    );
  });

  it('matches real responses, successes and errors alike', async () => {
    conforms('/health', 'get', 200, (await http(stack.url, 'GET', '/health')).json);
    conforms('/v1/provinces', 'get', 200, (await http(stack.url, 'GET', '/v1/provinces')).json);
    conforms('/v1/services', 'get', 200, (await http(stack.url, 'GET', '/v1/services')).json);
    conforms(
      '/v1/services/{code}',
      'get',
      200,
      (await http(stack.url, 'GET', '/v1/services/house-number')).json,
    );
    conforms('/v1/services/{code}', 'get', 404, (await http(stack.url, 'GET', '/v1/services/x')).json);

    const body = {
      serviceCode: 'complaint',
      provinceCode: '20',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'ก', lastName: 'ข' },
      details: { category: 'road', subject: 'ถนน' },
    };
    const created = await http(stack.url, 'POST', '/v1/requests', { body });
    conforms('/v1/requests', 'post', 201, created.json);
    conforms(
      '/v1/requests',
      'post',
      400,
      (await http(stack.url, 'POST', '/v1/requests', { body: { ...body, provinceCode: 'x' } })).json,
    );
    const citizen = { authorization: `Bearer ${created.json.accessToken}` };
    const id = created.json.requestId;
    await eventually(async () =>
      (await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen })).json.status === 'ROUTED'
        ? true
        : undefined,
    );
    conforms(
      '/v1/requests/{id}',
      'get',
      200,
      (await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen })).json,
    );
    conforms('/v1/requests/{id}', 'get', 401, (await http(stack.url, 'GET', `/v1/requests/${id}`)).json);

    const officer = {
      authorization: `Bearer ${await signAgencyToken(await loadOrCreateIssuer(dataDir), 'damrongdhama-20')}`,
    };
    conforms(
      '/v1/agencies/{agencyId}/inbox',
      'get',
      200,
      (await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/inbox?waitSeconds=1', { headers: officer }))
        .json,
    );
    const action = (a: string) =>
      http(stack.url, 'POST', `/v1/agencies/damrongdhama-20/requests/${id}/actions`, {
        headers: officer,
        body: { action: a },
      });
    conforms('/v1/agencies/{agencyId}/requests/{id}/actions', 'post', 200, (await action('accept')).json);
    conforms('/v1/agencies/{agencyId}/requests/{id}/actions', 'post', 409, (await action('accept')).json);
    conforms('/v1/agencies/{agencyId}/requests/{id}/actions', 'post', 200, (await action('complete')).json);
    conforms(
      '/v1/agencies/{agencyId}/requests',
      'get',
      200,
      (await http(stack.url, 'GET', '/v1/agencies/damrongdhama-20/requests', { headers: officer })).json,
    );
    conforms(
      '/v1/requests/{id}/rating',
      'post',
      201,
      (await http(stack.url, 'POST', `/v1/requests/${id}/rating`, { headers: citizen, body: { score: 4 } }))
        .json,
    );
    conforms('/v1/stats', 'get', 200, (await http(stack.url, 'GET', '/v1/stats?provinceCode=20')).json);
    conforms('/v1/stats', 'get', 400, (await http(stack.url, 'GET', '/v1/stats?provinceCode=99')).json);
  });
});
