import { putPublicChanges } from '../adapters/public-changes.ts';
import { groupByMinute } from '../domain/change-log.ts';
import { publicChanges } from '../domain/open311.ts';
import { batchResult, readRequestSteps } from './request-stream-batch.ts';

/**
 * Writes the public status changes in a batch of the requests table's stream to each province's
 * change log (Open311's servicerequestupdates): one item per province and minute of changes, not an
 * index entry per request moved by every change. A step's changes are the history entries it
 * added whose public status differs from the entry before.
 *
 * Writes are keyed by the batch's records (a group by the eventID of its first record, unique in
 * the whole stream), so a batch retried whole lands on the same items. A
 * record that cannot be read stops the batch there: the changes before it are written, and Lambda
 * retries from it. A write that fails fails the batch, which Lambda retries (and after its retries,
 * parks the batch's position on the failure queue; the records stay in the stream a day).
 */
export async function logPublicChanges(
  records: readonly unknown[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const { steps, failedAt } = readRequestSteps(records);
  const groups = groupByMinute(
    steps.flatMap(({ before, after, eventId }) =>
      after
        ? [
            {
              provinceCode: after.provinceCode,
              name: eventId,
              changes: publicChanges(after, before?.history.length ?? 1),
            },
          ]
        : [],
    ),
  );
  await Promise.all(groups.map((g) => putPublicChanges(g.provinceCode, g.minuteMs, g.group, g.changes)));
  return batchResult(failedAt);
}
