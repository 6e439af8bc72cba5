import { sendStatsRetry } from '../adapters/queues.ts';
import { replaceRequest } from '../adapters/requests-table.ts';
import { addCounters } from '../adapters/stats-table.ts';
import { statsChanges } from '../domain/stats.ts';
import { logger, metrics } from '../observability.ts';
import type { RequestItem } from '../schemas/request.ts';

/**
 * Writes a request's next state (conditional on the version read) and, when that wins, moves
 * the statistics counters. The counters are statistics, not the record: a failed counter update
 * never fails the action, but it is not dropped either: its deltas go to the stats-retry queue,
 * whose consumer applies them (and whose DLQ alarms). Only if that send fails too is the update
 * lost, which is logged and counted (`StatsUpdatesLost`, alarmed).
 */
export async function commitChange(prev: RequestItem, next: RequestItem): Promise<boolean> {
  if (!(await replaceRequest(next, prev.version))) return false;
  for (const change of statsChanges(prev, next)) {
    if (Object.values(change.deltas).every((v) => v === 0)) continue;
    try {
      await addCounters(change.provinceCode, change.serviceCode, change.deltas);
    } catch (error) {
      await retryLater(next, change, error);
    }
  }
  return true;
}

async function retryLater(
  next: RequestItem,
  change: ReturnType<typeof statsChanges>[number],
  error: unknown,
): Promise<void> {
  metrics.addMetric('StatsUpdateRetries', 'Count', 1);
  logger.warn('statistics counters not updated; queued for retry', {
    requestId: next.requestId,
    error: String(error),
  });
  try {
    await sendStatsRetry({ requestId: next.requestId, version: next.version, ...change });
  } catch (sendError) {
    metrics.addMetric('StatsUpdatesLost', 'Count', 1);
    logger.error('statistics counters not updated and not queued', {
      requestId: next.requestId,
      error: String(sendError),
    });
  }
}
