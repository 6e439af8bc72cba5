import { replaceRequest } from '../adapters/requests-table.ts';
import { addCounters } from '../adapters/stats-table.ts';
import { statsDeltas } from '../domain/stats.ts';
import { logger, metrics } from '../observability.ts';
import type { RequestItem } from '../schemas/request.ts';

/**
 * Writes a request's next state (conditional on the version read) and, when that wins, moves
 * the statistics counters. The counters are statistics, not the record: a failed counter
 * update is logged and counted, never turned into a failed action.
 */
export async function commitChange(prev: RequestItem, next: RequestItem): Promise<boolean> {
  if (!(await replaceRequest(next, prev.version))) return false;
  try {
    await addCounters(next.provinceCode, next.serviceCode, statsDeltas(prev, next));
  } catch (error) {
    logger.warn('statistics counters not updated', { requestId: next.requestId, error: String(error) });
    metrics.addMetric('StatsUpdateFailures', 'Count', 1);
  }
  return true;
}
