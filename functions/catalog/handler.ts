import {
  listDistricts,
  listProvinces,
  listServices,
  listSubdistricts,
  serviceDetail,
} from '../../shared/app/catalogue.ts';
import { publishedOpenApiDocument } from '../../shared/data/openapi-document.ts';
import { httpHandler, json } from '../../shared/http/middleware.ts';

// The catalogue changes only with a deploy: let browsers and CDNs keep it for five minutes.
const CACHEABLE = { 'cache-control': 'public, max-age=300' };

/**
 * GET /health, /openapi.json, /v1/provinces, /v1/provinces/{code}/districts,
 * /v1/districts/{code}/subdistricts, /v1/services and /v1/services/{code}.
 */
export const handler = httpHandler({}, async (event) => {
  switch (event.resource) {
    case '/health':
      return json(200, { status: 'ok' });
    case '/v1/provinces':
      return json(200, listProvinces(), CACHEABLE);
    case '/v1/provinces/{code}/districts':
      return json(200, listDistricts(event.pathParameters?.code ?? ''), CACHEABLE);
    case '/v1/districts/{code}/subdistricts':
      return json(200, listSubdistricts(event.pathParameters?.code ?? ''), CACHEABLE);
    case '/v1/services':
      return json(200, listServices(), CACHEABLE);
    case '/openapi.json':
      return json(200, publishedOpenApiDocument(), CACHEABLE);
    default:
      return json(200, serviceDetail(event.pathParameters?.code ?? ''), CACHEABLE);
  }
});
