import {
  listDistricts,
  listProvinces,
  listServices,
  listSubdistricts,
  serviceDetail,
} from '../../shared/app/catalogue.ts';
import { publishedOpenApiDocument } from '../../shared/data/openapi-document.ts';
import { httpHandler, json, jsonText } from '../../shared/http/middleware.ts';

// The catalogue changes only with a deploy: let browsers and CDNs keep it for five minutes.
const CACHEABLE = { 'cache-control': 'public, max-age=300' };

/**
 * Each answer serialized once per instance, for the same reason: the whole catalogue took
 * 120–220 µs to serialize on every call (the bench's warm replay). Keys are routes and codes that
 * exist (an unknown code throws before anything is kept), so the map stays bounded.
 */
const serialized = new Map<string, string>();
function once(key: string, build: () => unknown) {
  let text = serialized.get(key);
  if (text === undefined) {
    text = JSON.stringify(build());
    serialized.set(key, text);
  }
  return jsonText(200, text, CACHEABLE);
}

/**
 * GET /health, /openapi.json, /v1/provinces, /v1/provinces/{code}/districts,
 * /v1/districts/{code}/subdistricts, /v1/services and /v1/services/{code}.
 */
export const handler = httpHandler({}, async (event) => {
  const code = event.pathParameters?.code ?? '';
  switch (event.resource) {
    case '/health':
      return json(200, { status: 'ok' });
    case '/v1/provinces':
      return once('provinces', listProvinces);
    case '/v1/provinces/{code}/districts':
      return once(`districts:${code}`, () => listDistricts(code));
    case '/v1/districts/{code}/subdistricts':
      return once(`subdistricts:${code}`, () => listSubdistricts(code));
    case '/v1/services':
      return once('services', listServices);
    case '/openapi.json':
      return once('openapi', publishedOpenApiDocument);
    default:
      return once(`service:${code}`, () => serviceDetail(code));
  }
});
