import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { routeQueuedRequest } from '../../shared/app/route-request.ts';
import { correlate, logger, metrics, observability } from '../../shared/observability.ts';
import { parseRecordBody } from '../../shared/queue-records.ts';
import { IntakeMessage } from '../../shared/schemas/messages.ts';

// FIFO: a failed message fails only the later messages of its own group (one group per request),
// so one poison request never reorders or holds up the others in the batch.
const processor = new SqsFifoPartialProcessorAsync();

async function routeOne(record: SQSRecord) {
  const message = parseRecordBody(IntakeMessage, record);
  correlate(message.requestId);
  const outcome = await routeQueuedRequest(message);
  logger.info('routing', { outcome });
  if (outcome === 'routed') metrics.addMetric('RequestsRouted', 'Count', 1);
}

/** A province's intake queue → the responsible agency's queue; only failed messages are retried. */
export const handler = middy(async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, routeOne, processor, { context, skipGroupOnError: true }),
).use(observability());
