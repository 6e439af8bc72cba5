import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj, Request } from '@middy/core';

/**
 * Powertools, once per execution environment: structured JSON logs and CloudWatch EMF metrics
 * in the `OSS` namespace; X-Ray tracing through the Powertools Tracer when enabled.
 *
 * The Tracer loads the X-Ray SDK, whose import alone costs about 35 ms of cold start (it also
 * installs async hooks). Lambda's and API Gateway's active tracing give every invocation a
 * trace without it, so the Tracer (handler subsegments, annotations) is opt-in per deployment:
 * `OSS_POWERTOOLS_TRACER=true` (CDK context `powertoolsTracer=true`), loaded lazily.
 */
const serviceName = process.env.OSS_FUNCTION ?? 'oss';
export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  namespace: 'OSS',
  serviceName,
  // Reads publish no metrics by design: drop that one warning, keep every other through our logger.
  logger: {
    debug: (...a: unknown[]) => logger.debug(String(a[0]), ...(a.slice(1) as [])),
    info: (...a: unknown[]) => logger.info(String(a[0]), ...(a.slice(1) as [])),
    error: (...a: unknown[]) => logger.error(String(a[0]), ...(a.slice(1) as [])),
    warn: (...a: unknown[]) => {
      if (!String(a[0]).startsWith('No application metrics to publish'))
        logger.warn(String(a[0]), ...(a.slice(1) as []));
    },
  },
});

const tracerEnabled = process.env.OSS_POWERTOOLS_TRACER === 'true';
let tracer: Tracer | undefined;
let tracerMiddleware: MiddlewareObj | undefined;

async function loadTracer(): Promise<MiddlewareObj> {
  if (!tracerMiddleware) {
    const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
      import('@aws-lambda-powertools/tracer'),
      import('@aws-lambda-powertools/tracer/middleware'),
    ]);
    tracer = new Tracer({ serviceName });
    tracerMiddleware = captureLambdaHandler(tracer, { captureResponse: false }) as MiddlewareObj;
  }
  return tracerMiddleware;
}

/** The Powertools Tracer's middleware, loaded on first use and only when enabled. */
const lazyTracer = (): MiddlewareObj => ({
  before: async (request: Request) => {
    if (tracerEnabled) await (await loadTracer()).before?.(request);
  },
  after: async (request: Request) => {
    if (tracerEnabled) await tracerMiddleware?.after?.(request);
  },
  onError: async (request: Request) => {
    if (tracerEnabled) await tracerMiddleware?.onError?.(request);
  },
});

/** The Powertools middlewares every function's middy chain starts with. */
export function observability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }),
    lazyTracer(),
    logMetrics(metrics, { throwOnEmptyMetrics: false }),
  ] as MiddlewareObj[];
}

/**
 * Tags everything logged (and traced, when the Tracer is on) from here on with the OSS request
 * id: the correlation id that also runs through the queues and the request's history.
 */
export function correlate(requestId: string | undefined): void {
  if (!requestId) return;
  logger.appendKeys({ requestId });
  tracer?.putAnnotation('requestId', requestId);
}
