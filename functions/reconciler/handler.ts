import middy from '@middy/core';
import { reconcileStranded } from '../../shared/app/reconcile.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import { logger, metrics, observability } from '../../shared/observability.ts';

/** Requests unchanged this long in SUBMITTED are taken as stranded (routing takes seconds). */
const STRANDED_AFTER_SECONDS = 120;

/**
 * Scheduled: re-sends requests the table holds as waiting but whose queue message may be lost.
 * `{"includeRouted": true}` also re-sends ROUTED ones (used when queues were emptied).
 */
export const handler = middy(
  async (
    event: { includeRouted?: boolean; olderThanSeconds?: number; countResends?: boolean } | undefined,
  ) => {
    const result = await reconcileStranded({
      provinces: requireEnv(ENV.servedProvinces).split(','),
      olderThanSeconds: event?.olderThanSeconds ?? STRANDED_AFTER_SECONDS,
      includeRouted: event?.includeRouted === true,
      countResends: event?.countResends !== false,
    });
    logger.info('reconciled', { ...result });
    if (result.gaveUp > 0) metrics.addMetric('RoutingGaveUp', 'Count', result.gaveUp);
    return result;
  },
).use(observability());
