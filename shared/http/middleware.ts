import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type $ZodType, type output, safeParse } from 'zod/v4/core';
import { AppError, type Issue, unauthorized, validationFailed } from '../domain/errors.ts';
import { correlate, metrics, observability } from '../observability.ts';
import { loadSideModule } from '../side-files.ts';

export type HttpEvent = Omit<APIGatewayProxyEvent, 'body'> & { body: unknown };
export type HttpResult = APIGatewayProxyResult;

/** On every answer: JSON, never sniffed as anything else, and HTTPS only (browsers ignore HSTS over http). */
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return jsonText(statusCode, JSON.stringify(body), headers);
}

/** A JSON answer whose body is already serialized (answers that change only with a deploy). */
export function jsonText(statusCode: number, text: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { ...JSON_HEADERS, 'cache-control': 'no-store', ...headers },
    body: text,
  };
}

/**
 * The Thai texts of the error codes and issues, on the first error answered: most requests answer
 * none, and they are 11 KB of every API bundle (a side file there, infra/bundling.ts).
 */
const loadErrorsTh = () =>
  loadSideModule<typeof import('../domain/errors-th.ts')>(
    'errors-th.cjs',
    new URL('../domain/errors-th.ts', import.meta.url),
  );

/** The error shape of DESIGN.md §4, with the Thai text of its code beside the message. */
export async function errorBody(code: string, message: string, issues?: readonly Issue[]) {
  const { issueMessageTh, messageThOf } = await loadErrorsTh();
  return {
    error: {
      code,
      message,
      messageTh: messageThOf(code),
      ...(issues &&
        issues.length > 0 && {
          issues: issues.map((i) => ({ ...i, messageTh: issueMessageTh(i.message) })),
        }),
    },
  };
}

/** Refuses bodies over `maxBytes` before anything parses them. */
const bodyLimit = (maxBytes: number): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: ({ event }) => {
    const body = event.body;
    if (
      typeof body === 'string' &&
      Buffer.byteLength(body, event.isBase64Encoded ? 'base64' : 'utf8') > maxBytes
    ) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
    }
  },
});

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** `application/json`, with or without a charset parameter (checked separately). */
const PLAIN_JSON_TYPE = /^application\/json\s*(;|$)/i;
/** A key that could reach a prototype, or a \u escape that could spell one: the careful path. */
const MAY_NAME_A_PROTOTYPE = /__proto__|constructor|prototype|\\u/;

/**
 * JSON bodies for the methods that carry one: an absent or blank body is malformed JSON, the
 * rest is middy's parser (415 for another content type, prototype-pollution guard).
 */
const jsonBody = (allowEmpty: boolean): MiddlewareObj<HttpEvent, HttpResult> => {
  const parser = httpJsonBodyParser({ disableContentTypeError: false });
  return {
    before: async (request) => {
      const { event } = request;
      if (!METHODS_WITH_BODY.has(event.httpMethod)) return;
      if (event.body === null || event.body === undefined || event.body === '') {
        if (allowEmpty) {
          event.body = {};
          return;
        }
        throw new AppError(400, 'MALFORMED_JSON', 'The request body must be a JSON document.');
      }
      // JSON is UTF-8 (RFC 8259): a body declared in another charset (tis-620, say) would be misread.
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(
        String(event.headers['content-type'] ?? ''),
      )?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        throw new AppError(
          415,
          'UNSUPPORTED_CHARSET',
          `Send the body as UTF-8 JSON (charset=utf-8), not ${charset}. (ส่งข้อมูลเป็น UTF-8)`,
        );
      }
      // The usual body (plain JSON, nothing that could name a prototype) parses without middy's
      // key-by-key reviver, which is most of a submission's parsing time; anything else, and
      // every malformed body, goes through middy's parser and its errors.
      if (
        !event.isBase64Encoded &&
        typeof event.body === 'string' &&
        PLAIN_JSON_TYPE.test(String(event.headers['content-type'] ?? '')) &&
        !MAY_NAME_A_PROTOTYPE.test(event.body)
      ) {
        try {
          event.body = JSON.parse(event.body);
          return;
        } catch {
          // middy's parser reports it
        }
      }
      // biome-ignore lint/suspicious/noExplicitAny: middy's parser is typed for its own event shape
      await parser.before?.(request as any);
    },
  };
};

/** The request id in the path, when there is one, becomes the correlation id. */
const correlateFromPath = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: ({ event }) => correlate(event.pathParameters?.id),
});

interface HttpErrorLike {
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Turns every failure into the error shape of DESIGN.md §4. Caller errors keep their status;
 * anything unexpected is logged and answered with a bare 500 — never a stack or an AWS error.
 */
const errorResponses = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: async (request) => {
    const error = request.error as (Error & HttpErrorLike) | null;
    if (error instanceof AppError) {
      request.response = json(error.status, await errorBody(error.code, error.message, error.issues));
      return;
    }
    const status = error?.statusCode;
    if (status === 422 && /forbidden key/i.test(error?.message ?? '')) {
      request.response = json(
        400,
        await errorBody(
          'FORBIDDEN_KEY',
          'The JSON body may not contain the keys __proto__ or constructor.prototype.',
        ),
      );
      return;
    }
    if (status === 422 || status === 400) {
      request.response = json(400, await errorBody('MALFORMED_JSON', 'The request body is not valid JSON.'));
      return;
    }
    if (status === 431) {
      request.response = json(
        431,
        await errorBody('HEADERS_TOO_LARGE', 'The request headers are too large.'),
      );
      return;
    }
    if (status === 415) {
      request.response = json(
        415,
        await errorBody(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the body as JSON with Content-Type: application/json.',
        ),
      );
      return;
    }
    console.error(
      JSON.stringify({ level: 'ERROR', message: 'unhandled error', error: String(error?.stack ?? error) }),
    );
    // Lambda's Errors metric cannot see this (the function answered); this metric is alarmed.
    metrics.addMetric('Http5xx', 'Count', 1);
    request.response = json(
      500,
      await errorBody('INTERNAL', 'Something went wrong on our side. Please try again.'),
    );
  },
});

export interface HttpHandlerOptions {
  /** Parse the body as JSON (415 for another content type, 400 MALFORMED_JSON when it is not JSON). */
  readonly jsonBody?: boolean;
  readonly maxBodyBytes?: number;
  /** Treat a missing body as `{}` (for actions whose body is all optional). */
  readonly allowEmptyBody?: boolean;
}

/** The middy chain every HTTP function uses: normalised headers, body limit and parsing, error shape. */
export function httpHandler(
  options: HttpHandlerOptions,
  fn: (event: HttpEvent, context: Context) => Promise<HttpResult>,
) {
  const chain = middy<HttpEvent, HttpResult>()
    .use(observability())
    .use(correlateFromPath())
    .use(httpHeaderNormalizer())
    .use(bodyLimit(options.maxBodyBytes ?? 64 * 1024))
    .use(errorResponses());
  if (options.jsonBody) chain.use(jsonBody(options.allowEmptyBody ?? false));
  return chain.handler(fn);
}

/**
 * Validates with a zod schema, turning its issues into `{path, message}` pairs; `root` names
 * what is validated when it is not the body (a header, say).
 */
export function parseWith<S extends $ZodType>(schema: S, value: unknown, root = '(body)'): output<S> {
  // zod's own safeParse takes classic and mini schemas alike.
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((i) => {
    const at = i.path.map(String);
    // Name each unexpected field at its own path rather than one issue at the parent.
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: [...at, k].join('.'), message: 'is not an accepted field' }));
    }
    return [{ path: at.join('.') || root, message: i.message }];
  });
  throw validationFailed(issues);
}

/** The bearer token of an already-normalised `authorization` header, or 401. */
export function bearerToken(event: HttpEvent): string {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  if (!match?.[1]) throw unauthorized();
  return match[1];
}

/**
 * The `agency_id` claim the API Gateway authorizer verified (Cognito puts custom attributes
 * under `custom:`). Handlers never see an unverified token.
 */
export function agencyClaim(event: HttpEvent): string | undefined {
  const claims = (event.requestContext?.authorizer as { claims?: Record<string, unknown> } | null)?.claims;
  const value = claims?.agency_id ?? claims?.['custom:agency_id'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The officer behind a verified agency token: agency, user name and Cognito groups. API Gateway's
 * Cognito authorizer passes `cognito:groups` as a string (`[counter admin]` or `counter,admin`);
 * the local issuer passes a list. Both read the same.
 */
export function officerClaims(event: HttpEvent): { agencyId?: string; username: string; groups: string[] } {
  const claims =
    (event.requestContext?.authorizer as { claims?: Record<string, unknown> } | null)?.claims ?? {};
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.split(/[\s,[\]]+/).filter(Boolean)
      : [];
  const agencyId = agencyClaim(event);
  return {
    ...(agencyId && { agencyId }),
    username: String(claims['cognito:username'] ?? claims.sub ?? 'officer'),
    groups,
  };
}
