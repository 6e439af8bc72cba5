import { sendStatsRetry } from '../adapters/queues.ts';
import { addCounters } from '../adapters/stats-table.ts';
import { type CounterChange, changesOfRecord, sumChanges } from '../domain/stats.ts';
import { logger, metrics } from '../observability.ts';
import { batchResult, readRequestSteps } from './request-stream-batch.ts';

/**
 * Moves the statistics counters for a batch of the requests table's stream records: the changes of
 * every request record in it, summed per province and service, one counter update each. So a
 * transition costs one write (the record), and the counters one write per batch, not one per
 * transition.
 *
 * A record that cannot be read stops the batch there: the records before it are counted, and it
 * is reported as the batch's first failure, so Lambda retries from it (and after its retries,
 * parks its position on the failure queue) without counting anything twice. A counter update that
 * fails is not dropped: its deltas go to the stats-retry queue. Only if that send fails too is it
 * lost, which is logged and counted (`StatsUpdatesLost`, alarmed).
 */
export async function countStreamRecords(
  records: readonly unknown[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const { steps, failedAt } = readRequestSteps(records);
  const changes: CounterChange[] = [];
  for (const step of steps) changes.push(...changesOfRecord(step.before, step.after));
  const first = steps.find((s) => s.after)?.after;
  const origin = first ? { requestId: first.requestId, version: first.version } : undefined;
  for (const change of sumChanges(changes)) {
    try {
      await addCounters(change.provinceCode, change.serviceCode, change.deltas);
    } catch (error) {
      await retryLater(origin ?? { requestId: 'unknown', version: 0 }, change, error);
    }
  }
  return batchResult(failedAt);
}

async function retryLater(
  origin: { requestId: string; version: number },
  change: CounterChange,
  error: unknown,
): Promise<void> {
  metrics.addMetric('StatsUpdateRetries', 'Count', 1);
  logger.warn('statistics counters not updated; queued for retry', { ...change, error: String(error) });
  try {
    await sendStatsRetry({ ...origin, ...change });
  } catch (sendError) {
    metrics.addMetric('StatsUpdatesLost', 'Count', 1);
    logger.error('statistics counters not updated and not queued', { ...change, error: String(sendError) });
  }
}
