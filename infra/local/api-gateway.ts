import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { messageThOf } from '../../shared/domain/errors-th.ts';
import type { LocalFunction } from './functions.ts';
import type { SiteServer } from './site.ts';
import type { SynthesizedStack } from './template.ts';

/** API Gateway's own limit on a request body. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Route {
  readonly method: string;
  /** Resource path with `{param}` segments, e.g. `/v1/services/{code}`. */
  readonly resource: string;
  readonly functionKey: string;
  readonly cognito: boolean;
}

/** Verifies an agency token and returns its claims; throws when it is not valid. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/** Collects routes from the templates: resources, methods and their Lambda proxy integrations. */
export function routesFrom(stacks: readonly SynthesizedStack[]): Route[] {
  const routes: Route[] = [];
  for (const stack of stacks) {
    const resources = Object.entries(stack.resources);
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string })?.Ref;
      if (!id) return ''; // Fn::GetAtt [RestApi, RootResourceId]
      const r = stack.resources[id];
      return `${pathOf(r?.Properties?.ParentId)}/${String(r?.Properties?.PathPart)}`;
    };
    for (const [, r] of resources) {
      if (r.Type !== 'AWS::ApiGateway::Method') continue;
      const props = r.Properties ?? {};
      const integration = props.Integration as { Type?: string; Uri?: unknown } | undefined;
      if (integration?.Type !== 'AWS_PROXY') continue;
      const fnId = findFunctionRef(integration.Uri);
      if (!fnId) continue;
      routes.push({
        method: String(props.HttpMethod),
        resource: pathOf(props.ResourceId) || '/',
        functionKey: `${stack.stackName}/${fnId}`,
        cognito: props.AuthorizationType === 'COGNITO_USER_POOLS',
      });
    }
  }
  return routes;
}

/** The logical id in `Fn::GetAtt [<id>, 'Arn']` inside an integration URI. */
function findFunctionRef(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findFunctionRef(v);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return String(getAtt[0]);
    for (const v of Object.values(value)) {
      const found = findFunctionRef(v);
      if (found) return found;
    }
  }
  return undefined;
}

/** Matches a concrete path against route templates; literal segments win over `{params}`. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route?: Route; params: Record<string, string>; pathKnown: boolean; allowed: string[] } {
  const parts = path.split('/').filter(Boolean);
  let best: { route: Route; params: Record<string, string>; score: number } | undefined;
  let pathKnown = false;
  const allowed = new Set<string>();
  for (const route of routes) {
    const tpl = route.resource.split('/').filter(Boolean);
    // `{name+}` as the last segment takes the rest of the path (one or more segments), as in API Gateway.
    const greedy = /^\{[A-Za-z0-9_]+\+\}$/.test(tpl.at(-1) ?? '');
    if (greedy ? parts.length < tpl.length : tpl.length !== parts.length) continue;
    // No prototype: a parameter or header may be called `constructor` or `__proto__`.
    const params: Record<string, string> = Object.create(null);
    let score = 0;
    const ok = tpl.every((t, i) => {
      const part = parts[i] ?? '';
      if (greedy && i === tpl.length - 1) {
        const rest = parts.slice(i).map(safeDecode);
        if (rest.some((r) => r === undefined)) throw new BadPathError();
        params[t.slice(1, -2)] = rest.join('/');
        score -= 1; // any concrete template beats a greedy one
        return true;
      }
      if (t.startsWith('{') && t.endsWith('}')) {
        const decoded = safeDecode(part);
        if (decoded === undefined) throw new BadPathError();
        params[t.slice(1, -1)] = decoded;
        return part.length > 0;
      }
      score++;
      return t === part;
    });
    if (!ok) continue;
    pathKnown = true;
    allowed.add(route.method);
    if (route.method !== method && route.method !== 'ANY') continue;
    if (!best || score > best.score) best = { route, params, score };
  }
  const allow = [...allowed].sort();
  return best
    ? { route: best.route, params: best.params, pathKnown, allowed: allow }
    : { params: {}, pathKnown, allowed: allow };
}

/** A path segment decoded, or undefined when it is not valid percent-encoding. */
export function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

class BadPathError extends Error {}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

function errorReply(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(JSON.stringify({ error: { code, message, messageTh: messageThOf(code) } }));
}

/**
 * Serves the routes like API Gateway's REST API with Lambda proxy integrations (payload 1.0):
 * builds the proxy event, runs the Cognito authorizer where the method has one, and maps the
 * function's result (or failure) back to HTTP.
 */
export function apiGatewayServer(opts: {
  routes: readonly Route[];
  functions: ReadonlyMap<string, LocalFunction>;
  verifyToken: TokenVerifier;
  log: (line: string) => void;
  /** The web front door: paths the API does not own. */
  site?: SiteServer;
  /** Called for every request a route answers (the bench counts API calls). */
  onRoute?: () => void;
}): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES)
          return errorReply(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
        chunks.push(chunk as Buffer);
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      let match: ReturnType<typeof matchRoute>;
      try {
        match = matchRoute(opts.routes, method, url.pathname);
      } catch (error) {
        if (error instanceof BadPathError) {
          return errorReply(res, 400, 'BAD_PATH', 'The path is not valid percent-encoding.');
        }
        throw error;
      }
      const { route, params, pathKnown, allowed } = match;
      if (
        !route &&
        !pathKnown &&
        opts.site &&
        (await opts.site.handle(method, url.pathname, Buffer.concat(chunks), res, req.headers.host))
      ) {
        return;
      }
      if (!route) {
        return pathKnown
          ? errorReply(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}.`, {
              allow: allowed.join(', '),
            })
          : errorReply(res, 404, 'NOT_FOUND', 'No such route.');
      }
      opts.onRoute?.();
      const fn = opts.functions.get(route.functionKey);
      if (!fn) return errorReply(res, 502, 'INTERNAL', 'The route has no function.');

      const headers: Record<string, string> = Object.create(null);
      const multiValueHeaders: Record<string, string[]> = Object.create(null);
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        const value = req.rawHeaders[i + 1] ?? '';
        headers[name] = value;
        multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
      }

      let authorizer: Record<string, unknown> | null = null;
      if (route.cognito) {
        const raw = req.headers.authorization ?? '';
        const token = raw.replace(/^Bearer\s+/i, '');
        if (!token) return errorReply(res, 401, 'UNAUTHORIZED', 'A valid agency token is required.');
        try {
          authorizer = { claims: await opts.verifyToken(token) };
        } catch {
          return errorReply(res, 401, 'UNAUTHORIZED', 'A valid agency token is required.');
        }
      }

      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      const isText = body.length === 0 || TEXT_TYPES.test(contentType) || contentType === '';
      const query: Record<string, string> = Object.create(null);
      const multiQuery: Record<string, string[]> = Object.create(null);
      for (const [k, v] of url.searchParams) {
        query[k] = v;
        multiQuery[k] = [...(multiQuery[k] ?? []), v];
      }
      const requestId = randomUUID();
      const event = {
        resource: route.resource,
        path: url.pathname,
        httpMethod: method,
        headers,
        multiValueHeaders,
        queryStringParameters: Object.keys(query).length ? query : null,
        multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
        pathParameters: Object.keys(params).length ? params : null,
        stageVariables: null,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          requestId,
          stage: 'v1',
          resourcePath: route.resource,
          httpMethod: method,
          path: `/v1${url.pathname}`,
          protocol: 'HTTP/1.1',
          requestTimeEpoch: Date.now(),
          identity: {
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: req.headers['user-agent'] ?? null,
          },
          authorizer,
        },
        body: body.length === 0 ? null : isText ? body.toString('utf8') : body.toString('base64'),
        isBase64Encoded: !isText,
      };
      let result: {
        statusCode?: number;
        headers?: Record<string, string>;
        multiValueHeaders?: Record<string, string[]>;
        body?: string;
        isBase64Encoded?: boolean;
      };
      try {
        result = ((await fn.invoke(event)) ?? {}) as typeof result;
      } catch (error) {
        opts.log(`${route.method} ${route.resource} → ${fn.spec.name} failed: ${(error as Error).message}`);
        return errorReply(res, 502, 'INTERNAL', 'Something went wrong on our side. Please try again.');
      }
      const out: Record<string, string | string[]> = { 'x-amzn-requestid': requestId };
      for (const [k, v] of Object.entries(result.headers ?? {})) out[k] = String(v);
      for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) out[k] = v.map(String);
      res.writeHead(result.statusCode ?? 200, out);
      res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
    } catch (error) {
      opts.log(`local API error: ${(error as Error).stack ?? error}`);
      if (!res.headersSent)
        errorReply(res, 502, 'INTERNAL', 'Something went wrong on our side. Please try again.');
    }
  });
}
