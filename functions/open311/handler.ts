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
  postRequestUpdate,
  requestUpdates,
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
  service_request_updates: 'request_update',
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

/** The endpoints under /open311/v2 and the methods each takes: anything else is a 404 or 405 in the path's format. */
type Endpoint = 'discovery' | 'services' | 'service' | 'requests' | 'request' | 'token' | 'updates';
const METHODS: Record<Endpoint, readonly string[]> = {
  discovery: ['GET'],
  services: ['GET'],
  service: ['GET'],
  requests: ['GET', 'POST'],
  request: ['GET'],
  token: ['GET'],
  updates: ['GET', 'POST'],
};

/** `requests/abc.json` → the endpoint, its name (`abc`) and the format; undefined when no endpoint matches. */
function parsePath(rest: string): { endpoint?: Endpoint; name: string; format: Format } {
  const segments = rest.split('/').filter(Boolean);
  const [first = '', second, ...more] = segments;
  const asked = withFormat(segments.at(-1) ?? '');
  const format: Format = asked?.[1] ?? 'json';
  const name = asked?.[0] ?? '';
  if (!asked || more.length > 0) return { name, format };
  if (second === undefined) {
    const top: Record<string, Endpoint> = {
      discovery: 'discovery',
      services: 'services',
      requests: 'requests',
      servicerequestupdates: 'updates',
    };
    const endpoint = top[name];
    return endpoint ? { endpoint, name, format } : { name, format };
  }
  const nested: Record<string, Endpoint> = { services: 'service', requests: 'request', tokens: 'token' };
  const endpoint = nested[first];
  return endpoint && name !== '' ? { endpoint, name, format } : { name, format };
}

/** A POST body as form fields: urlencoded, or multipart (some clients send that). Files are refused. */
async function formOf(event: APIGatewayProxyEvent): Promise<URLSearchParams> {
  const raw = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (raw.length > 32 * 1024) throw new Open311Error(400, 'request body too large');
  const type = event.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) return new URLSearchParams(raw.toString('utf8'));
  let parts: FormData;
  try {
    parts = await new Response(raw, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new Open311Error(400, 'the multipart body could not be read');
  }
  const form = new URLSearchParams();
  for (const [key, value] of parts) {
    if (typeof value !== 'string') {
      throw new Open311Error(400, `${key}: files are not taken through Open311; send a media_url instead`);
    }
    form.append(key, value);
  }
  return form;
}

function failure(error: unknown, format: Format): APIGatewayProxyResult {
  if (error instanceof Open311Error) {
    return reply(
      error.status,
      format,
      'errors',
      error.descriptions.map((description) => ({ code: error.status, description })),
    );
  }
  logger.error('open311 failure', error as Error);
  return reply(500, format, 'errors', [{ code: 500, description: 'Internal error; please try again.' }]);
}

/**
 * Open311 GeoReport v2 facade over the same domain code as the native API: one gateway route
 * (`/open311/v2/{proxy+}`) so that every answer under it, an unknown path or a wrong method
 * included, comes in the format the path asks for.
 */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(observability())
  .use(httpHeaderNormalizer())
  .handler(async (event) => {
    const rest = event.pathParameters?.proxy ?? event.path.replace(/^\/open311\/v2\/?/, '');
    const { endpoint, name, format } = parsePath(rest);
    try {
      if (!endpoint) {
        throw new Open311Error(
          404,
          withFormat(rest.split('/').pop() ?? '')
            ? `No Open311 endpoint at /open311/v2/${rest}`
            : 'Add .json or .xml to the path.',
        );
      }
      if (!METHODS[endpoint].includes(event.httpMethod)) {
        const result = failure(
          new Open311Error(
            405,
            `${event.httpMethod} is not allowed here; use ${METHODS[endpoint].join(' or ')}`,
          ),
          format,
        );
        return { ...result, headers: { ...result.headers, allow: METHODS[endpoint].join(', ') } };
      }
      // Every value of a repeated parameter (`status=open&status=closed`), as API Gateway passes them.
      const query = new URLSearchParams(
        event.multiValueQueryStringParameters
          ? Object.entries(event.multiValueQueryStringParameters).flatMap(([k, vs]) =>
              (vs ?? []).map((v) => [k, v] as [string, string]),
            )
          : Object.entries(event.queryStringParameters ?? {}).map(
              ([k, v]) => [k, v ?? ''] as [string, string],
            ),
      );
      const posted = async () => {
        const form = await formOf(event);
        for (const [k, v] of query) if (!form.has(k)) form.set(k, v); // some clients send fields in the query
        return form;
      };
      switch (endpoint) {
        case 'discovery': {
          const host = event.headers.host ?? 'localhost';
          const proto =
            event.headers['x-forwarded-proto'] ??
            (host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https');
          return reply(200, format, 'discovery', discovery(`${proto}://${host}`));
        }
        case 'service':
          return reply(
            200,
            format,
            'service_definition',
            serviceDefinition(name, query.get('jurisdiction_id'), served()),
          );
        case 'services':
          return reply(200, format, 'services', listServices(query.get('jurisdiction_id'), served()));
        case 'token':
          return reply(200, format, 'service_requests', await tokenLookup(name));
        case 'request':
          return reply(
            200,
            format,
            'service_requests',
            await getOne(name, query.get('extensions') === 'true', query.get('jurisdiction_id')),
          );
        case 'updates':
          return event.httpMethod === 'POST'
            ? reply(200, format, 'service_request_updates', await postRequestUpdate(await posted(), served()))
            : reply(200, format, 'service_request_updates', await requestUpdates(query, served()));
        case 'requests':
          return event.httpMethod === 'POST'
            ? reply(200, format, 'service_requests', await postRequest(await posted(), served()))
            : reply(200, format, 'service_requests', await findRequests(query, served()));
      }
    } catch (error) {
      return failure(error, format);
    }
  });
