import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { requireSideModule } from './side-files.ts';

/**
 * Powertools, once per execution environment: structured JSON logs and CloudWatch EMF metrics
 * in the `OSS` namespace.
 *
 * No Powertools Tracer: it bundles the X-Ray SDK (about 120 KB of every bundle, a third of it)
 * and imports http, https, tls and net as the bundle loads, some 10–20 ms of every cold start
 * even when switched off. Lambda's and API Gateway's active tracing give every invocation its
 * X-Ray trace without it; the OSS request id runs through the logs instead of annotations.
 */
const serviceName = process.env.OSS_FUNCTION ?? 'oss';

/** The two members of Powertools' Logger (2.x, pinned) that decide where its lines go. */
interface LoggerOutput {
  console: Pick<Console, 'log' | 'debug' | 'info' | 'warn' | 'error' | 'trace'>;
  setConsole(): void;
}
const openConsole = (Logger.prototype as unknown as LoggerOutput).setConsole;

/**
 * Powertools' Logger, with its Console made when it first writes a line. Powertools makes one on
 * stdout and stderr as the Logger is built, and opening `process.stdout` costs 3–5 ms of a fresh
 * process (measured here, Node 24, a pipe or a file); the API functions log nothing on a normal
 * request. Powertools' own `setConsole` still decides what the Console is (its own, or the global
 * one under POWERTOOLS_DEV) and how `trace` prints; it just runs on the first line.
 */
class LoggerOpeningConsoleOnFirstLine extends Logger {}
Object.defineProperty(LoggerOpeningConsoleOnFirstLine.prototype, 'setConsole', {
  value(this: LoggerOutput) {
    const open = () => {
      openConsole.call(this);
      return this.console;
    };
    this.console = {
      log: (...a: unknown[]) => open().log(...a),
      debug: (...a: unknown[]) => open().debug(...a),
      info: (...a: unknown[]) => open().info(...a),
      warn: (...a: unknown[]) => open().warn(...a),
      error: (...a: unknown[]) => open().error(...a),
      trace: (...a: unknown[]) => open().trace(...a),
    };
  },
});

export const logger: Logger = new LoggerOpeningConsoleOnFirstLine({ serviceName });

/**
 * Powertools' Metrics, built when a function first records a metric. Most invocations record
 * none (reads, the catalogue, the inbox), and building it opens a second Console on stdout and
 * stderr: 3–6 ms of every cold start, measured on the catalog bundle (`npm run bench`'s method,
 * alternating samples). A function that records one pays that once, on that request.
 */
let emf: Metrics | undefined;
const emfMetrics = (): Metrics => {
  if (emf) return emf;
  // Its code too: a side file beside the function bundles (infra/bundling.ts), 11 KB V8 need not
  // read at the cold start of a function that records no metric.
  const { Metrics: PowertoolsMetrics } = requireSideModule<typeof import('@aws-lambda-powertools/metrics')>(
    'powertools-metrics.cjs',
    '@aws-lambda-powertools/metrics',
  );
  emf = new PowertoolsMetrics({
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
  return emf;
};

/** CloudWatch EMF metrics in the `OSS` namespace, published when the invocation ends. */
export const metrics = {
  addMetric: (...args: Parameters<Metrics['addMetric']>): void => {
    emfMetrics().addMetric(...args);
  },
};

/**
 * Publishes what the invocation recorded, as Powertools' `logMetrics` middleware does after the
 * handler or its error (with `throwOnEmptyMetrics` off); nothing to do when nothing was recorded.
 */
const publishMetrics = (): MiddlewareObj => {
  const publish = () => {
    emf?.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/** The Powertools middlewares every function's middy chain starts with. */
export function observability(): MiddlewareObj[] {
  return [injectLambdaContext(logger, { resetKeys: true }), publishMetrics()] as MiddlewareObj[];
}

/**
 * Tags everything logged from here on with the OSS request id: the correlation id that also runs
 * through the queues and the request's history.
 */
export function correlate(requestId: string | undefined): void {
  if (!requestId) return;
  logger.appendKeys({ requestId });
}
