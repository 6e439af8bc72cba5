import { isRequestKey, requestOfImage } from '../adapters/request-stream.ts';
import { logger } from '../observability.ts';
import { TableStreamRecord } from '../schemas/events.ts';
import type { RequestItem } from '../schemas/request.ts';

/** One step of a request as a stream record shows it: the record before and after. */
export interface RequestStep {
  before: RequestItem | undefined;
  after: RequestItem | undefined;
  sequenceNumber: string;
  /** The stream record's eventID: unique in the whole stream, the same when the record is retried. */
  eventId: string;
}

/**
 * The request steps of a batch of the requests table's stream, in order, up to the first record
 * that cannot be read (`failedAt`, its sequence number): the caller acts on the steps before it and
 * reports it as the batch's first failure, so Lambda retries from there and nothing is done twice.
 * Records of other items (counters, bill references, keys…) are passed over.
 */
export function readRequestSteps(records: readonly unknown[]): { steps: RequestStep[]; failedAt?: string } {
  const steps: RequestStep[] = [];
  for (const raw of records) {
    const parsed = TableStreamRecord.safeParse(raw);
    if (!parsed.success) {
      logger.error('stream record not readable', { error: parsed.error.message });
      return { steps, failedAt: sequenceNumberOf(raw) };
    }
    const { Keys, OldImage, NewImage, SequenceNumber } = parsed.data.dynamodb;
    if (!isRequestKey(Keys)) continue;
    try {
      steps.push({
        before: requestOfImage(OldImage),
        after: requestOfImage(NewImage),
        sequenceNumber: SequenceNumber,
        eventId: parsed.data.eventID,
      });
    } catch (error) {
      logger.error('stream record not readable', { sequenceNumber: SequenceNumber, error: String(error) });
      return { steps, failedAt: SequenceNumber };
    }
  }
  return { steps };
}

/** The answer Lambda reads for a batch: retry from `failedAt`, or from its start if that has no id. */
export function batchResult(failedAt: string | undefined): {
  batchItemFailures: { itemIdentifier: string }[];
} {
  if (failedAt === '') throw new Error('an unreadable stream record without a sequence number');
  return { batchItemFailures: failedAt === undefined ? [] : [{ itemIdentifier: failedAt }] };
}

const sequenceNumberOf = (raw: unknown): string => {
  const n = (raw as { dynamodb?: { SequenceNumber?: unknown } } | null)?.dynamodb?.SequenceNumber;
  return typeof n === 'string' ? n : '';
};
