import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  discovery,
  findRequests,
  getOne,
  listServices,
  Open311Error,
  postRequest,
  serviceDefinition,
  tokenLookup,
} from '../../shared/app/open311.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import { toXml } from '../../shared/http/xml.ts';
import { logger, observability } from '../../shared/observability.ts';

type Format = 'json' | 'xml';
const XML_ARRAYS = {
  endpoints: 'endpoint',
  formats: 'format',
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  notes: 'note',
  errors: 'error',
} as const;

function reply(status: number, format: Format, root: string, body: unknown): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
      'cache-control': 'no-store',
    },
    body: format === 'json' ? JSON.stringify(body) : toXml(root, body, XML_ARRAYS),
  };
}

/** `complaint.json` → ['complaint', 'json']; no or another suffix → undefined. */
function withFormat(name: string): [string, Format] | undefined {
  const m = /^(.*)\.(json|xml)$/.exec(name);
  return m?.[1] !== undefined && m[2] ? [m[1], m[2] as Format] : undefined;
}

const served = () => requireEnv(ENV.servedProvinces).split(',');

/** Open311 GeoReport v2 facade over the same domain code as the native API. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observability())
  .use(httpHeaderNormalizer())
  .handler(async (event) => {
    const resource = event.resource.replace(/^\/open311\/v2/, '');
    const last = resource.split('/').pop() ?? '';
    const param = event.pathParameters?.code ?? event.pathParameters?.id ?? event.pathParameters?.token;
    const parts = withFormat(param ?? last);
    if (!parts) {
      return reply(404, 'json', 'errors', [{ code: 404, description: 'Add .json or .xml to the path.' }]);
    }
    const [name, format] = parts;
    // Every value of a repeated parameter (`status=open&status=closed`), as API Gateway passes them.
    const query = new URLSearchParams(
      event.multiValueQueryStringParameters
        ? Object.entries(event.multiValueQueryStringParameters).flatMap(([k, vs]) =>
            (vs ?? []).map((v) => [k, v] as [string, string]),
          )
        : Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? ''] as [string, string]),
    );
    try {
      if (resource.startsWith('/discovery')) {
        const host = event.headers.host ?? 'localhost';
        const proto =
          event.headers['x-forwarded-proto'] ??
          (host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https');
        return reply(200, format, 'discovery', discovery(`${proto}://${host}`));
      }
      if (resource.startsWith('/services/')) {
        return reply(
          200,
          format,
          'service_definition',
          serviceDefinition(name, query.get('jurisdiction_id'), served()),
        );
      }
      if (resource.startsWith('/services')) {
        return reply(200, format, 'services', listServices(query.get('jurisdiction_id'), served()));
      }
      if (resource.startsWith('/tokens/'))
        return reply(200, format, 'service_requests', await tokenLookup(name));
      if (resource.startsWith('/requests/')) {
        return reply(
          200,
          format,
          'service_requests',
          await getOne(name, query.get('extensions') === 'true', query.get('jurisdiction_id')),
        );
      }
      if (event.httpMethod === 'POST') {
        const raw = event.body
          ? event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body
          : '';
        if (raw.length > 32 * 1024) throw new Open311Error(400, 'request body too large');
        const form = new URLSearchParams(raw);
        for (const [k, v] of query) if (!form.has(k)) form.set(k, v); // some clients send fields in the query
        return reply(200, format, 'service_requests', await postRequest(form, served()));
      }
      return reply(200, format, 'service_requests', await findRequests(query, served()));
    } catch (error) {
      if (error instanceof Open311Error) {
        return reply(error.status, format, 'errors', [
          { code: error.status, description: error.description },
        ]);
      }
      logger.error('open311 failure', error as Error);
      return reply(500, format, 'errors', [{ code: 500, description: 'Internal error; please try again.' }]);
    }
  });
