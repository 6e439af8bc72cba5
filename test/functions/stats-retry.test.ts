import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { lambdaContext } from '../support/api-event.ts';
import { storedRequest } from '../support/items.ts';
import { sqsEventOf, sqsRecord } from '../support/sqs-event.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.OSS_ENV = 'test';
process.env.QUEUE_URL_PREFIX = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/';
process.env.STATS_RETRY_QUEUE_URL = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/stats-retry';
const { handler: router } = await import('../../functions/router/handler.ts');
const { handler: statsRetry } = await import('../../functions/stats-retry/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const id = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
let item: RequestItem;

beforeEach(() => {
  ddb.reset();
  sqs.reset();
  item = storedRequest('complaint', id).item;
  ddb.on(GetCommand).callsFake(() => ({ Item: item }));
  ddb.on(PutCommand).callsFake((input: { Item: RequestItem }) => {
    item = input.Item;
    return {};
  });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
});

describe('statistics counters', () => {
  it('update one small per-service shard item, not a per-province hot item', async () => {
    ddb.on(UpdateCommand).resolves({});
    await router(
      sqsEventOf(sqsRecord('m1', JSON.stringify({ requestId: id, provinceCode: '20' }))),
      lambdaContext,
    );
    const update = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.Key?.pk).toBe('STATS#20');
    expect(update?.Key?.sk).toMatch(/^SVC#complaint#[0-7]$/);
    expect(update?.UpdateExpression).toBe('ADD #c0 :v0');
    expect(update?.ExpressionAttributeNames).toEqual({ '#c0': 'status_ROUTED' });
  });

  it('queue a failed counter update for retry instead of dropping it, and the retry applies it', async () => {
    ddb.on(UpdateCommand).rejectsOnce(new Error('ProvisionedThroughputExceeded')).resolves({});
    const out = await router(
      sqsEventOf(sqsRecord('m1', JSON.stringify({ requestId: id, provinceCode: '20' }))),
      lambdaContext,
    );
    expect(out).toEqual({ batchItemFailures: [] }); // the routing itself stands
    expect(item.status).toBe('ROUTED');
    const retry = sqs
      .commandCalls(SendMessageCommand)
      .map((c) => c.args[0].input)
      .find((i) => i.QueueUrl === process.env.STATS_RETRY_QUEUE_URL);
    const message = JSON.parse(retry?.MessageBody ?? '{}');
    expect(message).toMatchObject({
      requestId: id,
      provinceCode: '20',
      serviceCode: 'complaint',
      deltas: { status_ROUTED: 1 },
    });

    const before = ddb.commandCalls(UpdateCommand).length;
    const applied = await statsRetry(sqsEventOf(sqsRecord('r1', retry?.MessageBody ?? '')), lambdaContext);
    expect(applied).toEqual({ batchItemFailures: [] });
    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.args[0].input.ExpressionAttributeValues).toEqual({ ':v0': 1 });
  });
});
