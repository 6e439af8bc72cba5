import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

/**
 * Powertools, once per execution environment: structured JSON logs, CloudWatch EMF metrics in
 * the `OSS` namespace and X-Ray traces. The service name is the function's folder name.
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
export const tracer = new Tracer({ serviceName });

/** The Powertools middlewares every function's middy chain starts with. */
export function observability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }),
    captureLambdaHandler(tracer, { captureResponse: false }),
    logMetrics(metrics, { throwOnEmptyMetrics: false }),
  ] as MiddlewareObj[];
}

/**
 * Tags everything logged and traced from here on with the OSS request id, the correlation id
 * that also runs through the queues and the request's history.
 */
export function correlate(requestId: string | undefined): void {
  if (!requestId) return;
  logger.appendKeys({ requestId });
  tracer.putAnnotation('requestId', requestId);
}
