import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { lambdaContext } from '../support/api-event.ts';
import { storedRequest } from '../support/items.ts';
import { sqsEventOf, sqsRecord } from '../support/sqs-event.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.OSS_ENV = 'test';
process.env.QUEUE_URL_PREFIX = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/';
const { handler } = await import('../../functions/router/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

const ids = ['0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c', '1c6b4f7e-3a8d-4e2c-8b66-4d3f2a1b0c9d'];
let items: Map<string, RequestItem>;

beforeEach(() => {
  ddb.reset();
  sqs.reset();
  items = new Map(ids.map((id) => [id, storedRequest('complaint', id).item]));
  ddb
    .on(GetCommand)
    .callsFake((input: { Key: { pk: string } }) => ({ Item: items.get(input.Key.pk.slice(8)) }));
  ddb.on(PutCommand).callsFake((input: { Item: RequestItem }) => {
    items.set(input.Item.requestId, input.Item);
    return {};
  });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
});

const message = (id: string) => JSON.stringify({ requestId: id, provinceCode: '20' });

describe('router', () => {
  it('routes a SUBMITTED complaint to the province Damrongdhama centre with one conditional write and one send', async () => {
    const out = await handler(sqsEventOf(sqsRecord('m1', message(ids[0] as string))), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [] });
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toBe('version = :expected');
    expect(put?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
    const item = items.get(ids[0] as string);
    expect(item).toMatchObject({
      status: 'ROUTED',
      agencyId: 'damrongdhama-20',
      version: 2,
      agencyListKey: expect.stringMatching(/^open#/),
    });
    expect(item?.history.at(-1)).toMatchObject({
      actor: 'system:router',
      note: 'Routed to damrongdhama-20 (provincial Damrongdhama centre)',
    });
    const send = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(send?.QueueUrl).toBe(
      'https://sqs.ap-southeast-7.amazonaws.com/123456789012/oss-test-agency-damrongdhama-20.fifo',
    );
    expect(send?.MessageDeduplicationId).toBe(`${ids[0]}:routed:2`);
  });

  it('never routes twice: a redelivered message only re-sends to the same agency', async () => {
    await handler(sqsEventOf(sqsRecord('m1', message(ids[0] as string))), lambdaContext);
    await handler(sqsEventOf(sqsRecord('m1', message(ids[0] as string))), lambdaContext);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(items.get(ids[0] as string)?.history.filter((h) => h.status === 'ROUTED')).toHaveLength(1);
    const sends = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.MessageDeduplicationId);
    expect(sends).toEqual([`${ids[0]}:routed:2`, `${ids[0]}:routed:2`]); // SQS drops the duplicate
  });

  it('fails only the poison message of a batch', async () => {
    const out = await handler(
      sqsEventOf(
        sqsRecord('good-1', message(ids[0] as string)),
        sqsRecord('poison', '{"requestId":"not-a-uuid"}'),
        sqsRecord('good-2', message(ids[1] as string)),
      ),
      lambdaContext,
    );
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    expect(items.get(ids[1] as string)?.status).toBe('ROUTED');
  });

  it('fails the message when the agency send fails, so SQS retries it', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));
    const out = await handler(sqsEventOf(sqsRecord('m1', message(ids[0] as string))), lambdaContext).catch(
      (e: Error) => e,
    );
    // Every record failed: Powertools raises, and Lambda returns the whole batch to the queue.
    expect(out).toBeInstanceOf(Error);
    expect(items.get(ids[0] as string)?.status).toBe('ROUTED');
  });

  it('acknowledges requests that are no longer SUBMITTED (cancelled meanwhile)', async () => {
    const item = items.get(ids[0] as string) as RequestItem;
    items.set(ids[0] as string, { ...item, status: 'CANCELLED' });
    const out = await handler(sqsEventOf(sqsRecord('m1', message(ids[0] as string))), lambdaContext);
    expect(out).toEqual({ batchItemFailures: [] });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
