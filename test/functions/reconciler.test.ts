import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromStored } from '../../shared/adapters/request-record.ts';
import { MAX_INTAKE_RESENDS } from '../../shared/app/reconcile.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { lambdaContext } from '../support/api-event.ts';
import { storedRequest } from '../support/items.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.DOCUMENTS_BUCKET_NAME = 'documents-test';
process.env.OSS_ENV = 'test';
process.env.SERVED_PROVINCES = '20';
process.env.QUEUE_URL_PREFIX = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/';
process.env.DOCUMENT_EVENTS_QUEUE_URL =
  'https://sqs.ap-southeast-7.amazonaws.com/123456789012/document-events';
const { handler } = await import('../../functions/reconciler/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const s3 = mockClient(S3Client);
const id = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
let item: RequestItem;

/** The index returns our one request for `status`, nothing for the others. */
function indexHolds(status: string) {
  ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => ({
    Items: input.ExpressionAttributeValues[':p'] === `20#${status}` ? [{ pk: `REQUEST#${id}` }] : [],
  }));
}

beforeEach(() => {
  ddb.reset();
  sqs.reset();
  s3.reset();
  ddb.on(GetCommand).callsFake(() => ({ Item: item }));
  ddb.on(UpdateCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
});

const run = () => handler({ includeRouted: false, olderThanSeconds: 120 }, lambdaContext);

describe('reconciler', () => {
  it('re-sends a stranded SUBMITTED request and counts the re-send', async () => {
    item = storedRequest('complaint', id).item;
    indexHolds('SUBMITTED');
    expect(await run()).toMatchObject({ resentToIntake: 1, gaveUp: 0 });
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.QueueUrl).toMatch(
      /oss-test-intake-20\.fifo$/,
    );
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input.UpdateExpression).toBe('ADD intakeResends :one');
  });

  it(`stops after ${MAX_INTAKE_RESENDS} re-sends: flags the request with a history entry and sends nothing`, async () => {
    item = { ...storedRequest('complaint', id).item, intakeResends: MAX_INTAKE_RESENDS };
    indexHolds('SUBMITTED');
    expect(await run()).toMatchObject({ resentToIntake: 0, gaveUp: 1 });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    // The whole record is written again, conditional on the version read (its history may be packed).
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.ExpressionAttributeValues).toEqual({ ':expected': item.version });
    const flagged = fromStored(put?.Item ?? {});
    expect(flagged.routingFailedAt).toEqual(expect.any(String));
    expect(flagged.version).toBe(item.version + 1);
    expect(flagged.history.at(-1)).toMatchObject({ actor: 'system:reconciler', status: 'SUBMITTED' });
    // Once flagged it is left alone.
    item = { ...item, routingFailedAt: '2026-11-23T10:00:00.000+07:00' };
    ddb.resetHistory();
    expect(await run()).toMatchObject({ resentToIntake: 0, gaveUp: 0 });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('re-sends the notification of an upload S3 stored but the verifier never heard of', async () => {
    const base = storedRequest('house-number', id).item;
    const key = `requests/${id}/11111111-2222-4333-8444-555555555555`;
    item = {
      ...base,
      documents: [
        {
          documentId: '11111111-2222-4333-8444-555555555555',
          type: 'building-permit-copy',
          contentType: 'application/pdf',
          sizeBytes: 10,
          status: 'PENDING_UPLOAD',
          key,
          createdAt: base.createdAt,
        },
      ],
    };
    indexHolds('AWAITING_DOCUMENTS');
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    expect(await run()).toMatchObject({ uploadsResent: 1 });
    const sent = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(sent?.QueueUrl).toBe(process.env.DOCUMENT_EVENTS_QUEUE_URL);
    expect(JSON.parse(sent?.MessageBody ?? '{}').Records[0]).toMatchObject({
      eventName: 'ObjectCreated:Post',
      s3: { bucket: { name: 'documents-test' }, object: { key: encodeURIComponent(key) } },
    });
    // An upload that never happened is not "stranded".
    sqs.resetHistory();
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
    );
    expect(await run()).toMatchObject({ uploadsResent: 0 });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('finds a lost notification of a photo added while the fee waits, under AWAITING_PAYMENT', async () => {
    const base = storedRequest('complaint', id).item;
    const key = `requests/${id}/11111111-2222-4333-8444-777777777777`;
    item = {
      ...base,
      status: 'AWAITING_PAYMENT',
      provinceStatus: '20#AWAITING_PAYMENT',
      documents: [
        {
          documentId: '11111111-2222-4333-8444-777777777777',
          type: 'photo',
          contentType: 'image/jpeg',
          sizeBytes: 10,
          status: 'PENDING_UPLOAD',
          key,
          createdAt: base.createdAt,
          optional: true,
        },
      ],
    };
    indexHolds('AWAITING_PAYMENT');
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    expect(await run()).toMatchObject({ uploadsResent: 1 });
  });

  it('finds a lost notification of an upload made after intake (a reply in NEEDS_INFO) in its own partition', async () => {
    const base = storedRequest('complaint', id).item;
    const key = `requests/${id}/11111111-2222-4333-8444-666666666666`;
    item = {
      ...base,
      status: 'NEEDS_INFO',
      provinceStatus: '20#PENDING_UPLOAD',
      documents: [
        {
          documentId: '11111111-2222-4333-8444-666666666666',
          type: 'photo',
          contentType: 'image/jpeg',
          sizeBytes: 10,
          status: 'PENDING_UPLOAD',
          key,
          createdAt: base.createdAt,
          optional: true,
        },
      ],
    };
    indexHolds('PENDING_UPLOAD');
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    expect(await run()).toMatchObject({ uploadsResent: 1 });
    expect(
      JSON.parse(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '{}').Records[0].s3
        .object.key,
    ).toBe(encodeURIComponent(key));
  });
});
