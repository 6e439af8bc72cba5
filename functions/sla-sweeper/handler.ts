import middy from '@middy/core';
import { sweepOverdue } from '../../shared/app/sla-sweeper.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import { logger, metrics, observability } from '../../shared/observability.ts';

/** Scheduled: escalates requests past their deadline (once each) to the Damrongdhama centre. */
export const handler = middy(async () => {
  const result = await sweepOverdue(requireEnv(ENV.servedProvinces).split(','));
  logger.info('swept', { ...result });
  metrics.addMetric('RequestsEscalated', 'Count', result.escalated);
  return result;
}).use(observability());
