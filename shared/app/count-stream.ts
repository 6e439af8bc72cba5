import { sendStatsRetry } from '../adapters/queues.ts';
import { isRequestKey, requestOfImage } from '../adapters/request-stream.ts';
import { addCounters } from '../adapters/stats-table.ts';
import { type CounterChange, changesOfRecord, sumChanges } from '../domain/stats.ts';
import { logger, metrics } from '../observability.ts';
import { TableStreamRecord } from '../schemas/events.ts';

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
  const changes: CounterChange[] = [];
  let origin: { requestId: string; version: number } | undefined;
  let failedAt: string | undefined;
  for (const raw of records) {
    const parsed = TableStreamRecord.safeParse(raw);
    if (!parsed.success) {
      failedAt = sequenceNumberOf(raw);
      logger.error('stream record not readable', { error: parsed.error.message });
      break;
    }
    const { Keys, OldImage, NewImage, SequenceNumber } = parsed.data.dynamodb;
    if (!isRequestKey(Keys)) continue;
    try {
      const next = requestOfImage(NewImage);
      changes.push(...changesOfRecord(requestOfImage(OldImage), next));
      origin ??= next && { requestId: next.requestId, version: next.version };
    } catch (error) {
      failedAt = SequenceNumber;
      logger.error('stream record not readable', { sequenceNumber: SequenceNumber, error: String(error) });
      break;
    }
  }
  for (const change of sumChanges(changes)) {
    try {
      await addCounters(change.provinceCode, change.serviceCode, change.deltas);
    } catch (error) {
      await retryLater(origin ?? { requestId: 'unknown', version: 0 }, change, error);
    }
  }
  // No identifier to name (a record without one): the whole batch is retried.
  if (failedAt === '') throw new Error('an unreadable stream record without a sequence number');
  return { batchItemFailures: failedAt === undefined ? [] : [{ itemIdentifier: failedAt }] };
}

const sequenceNumberOf = (raw: unknown): string => {
  const n = (raw as { dynamodb?: { SequenceNumber?: unknown } } | null)?.dynamodb?.SequenceNumber;
  return typeof n === 'string' ? n : '';
};

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
