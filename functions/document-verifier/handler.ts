import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { verifyUploadedDocument } from '../../shared/app/documents.ts';
import { logger, metrics, observability } from '../../shared/observability.ts';
import { parseRecordBody } from '../../shared/queue-records.ts';
import { S3NotificationBody } from '../../shared/schemas/events.ts';

const processor = new BatchProcessor(EventType.SQS);

/** One queued S3 notification: verify each uploaded object it names. A throw fails only this message. */
async function verifyNotification(record: SQSRecord) {
  const body = parseRecordBody(S3NotificationBody, record);
  if (!('Records' in body)) return; // s3:TestEvent
  for (const r of body.Records) {
    if (!r.eventName.startsWith('ObjectCreated:')) continue;
    // S3 URL-encodes keys in events, with '+' for spaces.
    const outcome = await verifyUploadedDocument(decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')));
    logger.info('document checked', { ...outcome });
    metrics.addMetric(outcome.outcome === 'verified' ? 'DocumentsVerified' : 'DocumentsRejected', 'Count', 1);
  }
}

/** SQS (S3 ObjectCreated notifications) → document verification, with partial batch responses. */
export const handler = middy(async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, verifyNotification, processor, { context }),
).use(observability());
