import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { addCounters } from '../../shared/adapters/stats-table.ts';
import { correlate, observability } from '../../shared/observability.ts';
import { parseRecordBody } from '../../shared/queue-records.ts';
import { StatsRetryMessage } from '../../shared/schemas/messages.ts';

const processor = new BatchProcessor(EventType.SQS);

async function applyOne(record: SQSRecord) {
  const message = parseRecordBody(StatsRetryMessage, record);
  correlate(message.requestId);
  await addCounters(message.provinceCode, message.serviceCode, message.deltas);
}

/** Applies statistics counter deltas whose first update failed; failures are retried, then parked. */
export const handler = middy(async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, applyOne, processor, { context }),
).use(observability());
