import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** A REST API (payload v1) proxy event as API Gateway would send it. */
export function apiEvent(opts: {
  method: string;
  resource: string;
  path?: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
  query?: Record<string, string>;
}): APIGatewayProxyEvent {
  const headers = opts.headers ?? {};
  return {
    resource: opts.resource,
    path: opts.path ?? opts.resource,
    httpMethod: opts.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: opts.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: opts.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      requestId: 'test-request',
      stage: 'v1',
      httpMethod: opts.method,
      resourcePath: opts.resource,
    } as APIGatewayProxyEvent['requestContext'],
    body: opts.body ?? null,
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  awsRequestId: 'test-invocation',
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

export const jsonHeaders = { 'Content-Type': 'application/json' };
