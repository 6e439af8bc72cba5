import { sendStatsRetry } from '../adapters/queues.ts';
import { replaceRequest } from '../adapters/requests-table.ts';
import { addCounters } from '../adapters/stats-table.ts';
import { billDeltas, type CounterChange, statsChanges } from '../domain/stats.ts';
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
  await moveCounters(next, statsChanges(prev, next));
  return true;
}

/**
 * The counters of a request just filed: only its bill, if it was filed with one (intake spends
 * no counter write on anything else; see INTAKE_STATUSES).
 */
export async function countNewRequest(item: RequestItem): Promise<void> {
  const deltas = billDeltas(undefined, item.bills);
  if (Object.keys(deltas).length === 0) return;
  await moveCounters(item, [{ provinceCode: item.provinceCode, serviceCode: item.serviceCode, deltas }]);
}

/** The counters of a write that was not a commitChange (the verifier's conditional put): its new bill. */
export async function countNewBill(prev: RequestItem, next: RequestItem): Promise<void> {
  const deltas = billDeltas(prev.bills, next.bills);
  if (Object.keys(deltas).length === 0) return;
  await moveCounters(next, [{ provinceCode: next.provinceCode, serviceCode: next.serviceCode, deltas }]);
}

async function moveCounters(next: RequestItem, changes: readonly CounterChange[]): Promise<void> {
  for (const change of changes) {
    if (Object.values(change.deltas).every((v) => v === 0)) continue;
    try {
      await addCounters(change.provinceCode, change.serviceCode, change.deltas);
    } catch (error) {
      await retryLater(next, change, error);
    }
  }
}

async function retryLater(next: RequestItem, change: CounterChange, error: unknown): Promise<void> {
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
