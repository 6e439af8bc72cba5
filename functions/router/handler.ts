import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { ParsedRecord } from '@aws-lambda-powertools/batch/types';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { routeQueuedRequest } from '../../shared/app/route-request.ts';
import { IntakeMessage } from '../../shared/schemas/messages.ts';

const processor = new BatchProcessor(EventType.SQS, {
  parser,
  innerSchema: IntakeMessage,
  transformer: 'json',
});

async function routeOne(record: ParsedRecord<SQSRecord, IntakeMessage>) {
  const message: IntakeMessage = record.body;
  const outcome = await routeQueuedRequest(message);
  console.log(JSON.stringify({ level: 'INFO', message: 'routing', requestId: message.requestId, outcome }));
}

/** A province's intake queue → the responsible agency's queue; only failed messages are retried. */
export const handler = middy(async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, routeOne, processor, { context }),
);
