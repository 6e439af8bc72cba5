import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromStored } from '../../shared/adapters/request-record.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { apiEvent, jsonHeaders, lambdaContext } from '../support/api-event.ts';
import { BAD_CHECK_DIGIT_ID, VALID_CITIZEN_ID } from '../support/citizen-ids.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.HASH_KEY_SECRET_ID = 'hash-key';
process.env.OSS_ENV = 'test';
process.env.CITIZEN_ID_KEY_ARN = 'arn:aws:kms:ap-southeast-7:123456789012:key/test';
process.env.QUEUE_URL_PREFIX = 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/';
const { handler } = await import('../../functions/intake/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);
const sqs = mockClient(SQSClient);
/** A put's item as the code knows it (a record past 1 KB is stored packed). */
const storedItem = (item: Record<string, unknown> | undefined) =>
  (item ? fromStored(item) : undefined) as RequestItem | undefined;
const kms = mockClient(KMSClient);

const complaint = {
  serviceCode: 'complaint',
  provinceCode: '20',
  applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
  description: 'ถนนชำรุด / damaged road',
  details: { category: 'road', subject: 'ถนนชำรุดหน้าตลาด' },
};

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handler(
    apiEvent({
      method: 'POST',
      resource: '/v1/requests',
      headers: { ...jsonHeaders, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    lambdaContext,
  );

const parse = (r: { body: string }) => JSON.parse(r.body);

beforeEach(() => {
  ddb.reset();
  rawDdb.reset();
  secrets.reset();
  sqs.reset();
  kms.reset();
  kms
    .on(GenerateDataKeyCommand)
    .resolves({ Plaintext: new Uint8Array(32).fill(1), CiphertextBlob: new Uint8Array(48) });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'test-hash-key' });
  ddb.on(PutCommand).resolves({});
});

describe('POST /v1/requests (intake handler)', () => {
  it('files a complaint with one conditional put and answers 201', async () => {
    const res = await post(complaint);
    expect(res.statusCode).toBe(201);
    const body = parse(res);
    expect(body.status).toBe('SUBMITTED');
    expect(
      body.requiredDocuments.map((d: { type: string; optional?: boolean }) => [d.type, d.optional]),
    ).toEqual([['photo', true]]);
    expect(body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.dueAt).toMatch(/\+07:00$/);

    // The first filing in an execution environment also keeps its new data key (once, by its id).
    const [keyPut, ...puts] = ddb.commandCalls(PutCommand);
    expect(keyPut?.args[0].input.Item?.pk).toMatch(/^DATAKEY#[A-Za-z0-9_-]{22}$/);
    expect(puts).toHaveLength(1);
    const input = puts[0]?.args[0].input;
    expect(input?.TableName).toBe('requests-test');
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk)');
    const item = storedItem(input?.Item) as unknown as Record<string, unknown> & {
      applicant: Record<string, string>;
      history: unknown[];
    };
    expect(item.pk).toBe(`REQUEST#${body.requestId}`);
    expect(item.history).toHaveLength(1);
    // Neither the citizen ID nor the token is stored in the clear.
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(VALID_CITIZEN_ID);
    expect(stored).not.toContain(body.accessToken);
    expect(item.applicant.citizenIdMasked).toBe('x-xxxx-xxxx0-70-8');
    expect(item.applicant.citizenIdHash).toMatch(/^[0-9a-f]{64}$/);

    // …and exactly one send to the province's FIFO intake queue, deduplicated by request and version.
    const sends = sqs.commandCalls(SendMessageCommand);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs.ap-southeast-7.amazonaws.com/123456789012/oss-test-intake-20.fifo',
      MessageBody: JSON.stringify({ requestId: body.requestId, provinceCode: '20' }),
      MessageGroupId: body.requestId,
      MessageDeduplicationId: `${body.requestId}:1`,
    });
  });

  it('still answers 201 when the queue send fails: the request is stored and the reconciler re-sends it', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('ServiceUnavailable'));
    const res = await post(complaint);
    expect(res.statusCode).toBe(201);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('does not queue a request that still waits for documents', async () => {
    await post({
      ...complaint,
      serviceCode: 'house-number',
      districtCode: '2001',
      details: { buildingType: 'house' },
    });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('asks for documents when the service needs them', async () => {
    const res = await post({
      ...complaint,
      serviceCode: 'house-number',
      districtCode: '2001',
      details: { buildingType: 'house' },
    });
    const body = parse(res);
    if (res.statusCode !== 201) throw new Error(res.body);
    expect(body.status).toBe('AWAITING_DOCUMENTS');
    expect(body.requiredDocuments.length).toBeGreaterThan(0);
  });

  it('refuses a bad citizen ID, unknown service and province with issues at their paths, writing nothing', async () => {
    const res = await post({
      ...complaint,
      serviceCode: 'no-such-service',
      provinceCode: '99',
      applicant: { ...complaint.applicant, citizenId: BAD_CHECK_DIGIT_ID },
    });
    expect(res.statusCode).toBe(400);
    const body = parse(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    // The shape check fails first; the catalogue check needs a well-formed body.
    expect(body.error.issues).toEqual([
      {
        path: 'applicant.citizenId',
        message: 'must be a 13-digit Thai citizen ID with a valid check digit',
        messageTh: 'ต้องเป็นเลขประจำตัวประชาชน 13 หลักที่เลขตรวจสอบถูกต้อง',
      },
    ]);
    const res2 = await post({ ...complaint, serviceCode: 'no-such-service', provinceCode: '99' });
    expect(parse(res2).error.issues.map((i: { path: string }) => i.path)).toEqual([
      'serviceCode',
      'provinceCode',
    ]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses a district outside the province and a missing district where one is required', async () => {
    const outside = await post({ ...complaint, districtCode: '5401' });
    expect(outside.statusCode).toBe(400);
    expect(parse(outside).error.issues[0].path).toBe('districtCode');
    const missing = await post({ ...complaint, serviceCode: 'house-number' });
    expect(parse(missing).error.issues.map((i: { path: string }) => i.path)).toContain('districtCode');
  });

  it('answers MALFORMED_JSON, UNSUPPORTED_MEDIA_TYPE and PAYLOAD_TOO_LARGE', async () => {
    const bad = await post('{"serviceCode": ');
    expect(bad.statusCode).toBe(400);
    expect(parse(bad).error.code).toBe('MALFORMED_JSON');
    const empty = await post('');
    expect(parse(empty).error.code).toBe('MALFORMED_JSON');
    const text = await post(JSON.stringify(complaint), { 'Content-Type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const big = await post({ ...complaint, description: 'x'.repeat(40_000) });
    expect(big.statusCode).toBe(413);
    expect(parse(big).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses unknown top-level fields and wrong types', async () => {
    const res = await post({
      ...complaint,
      applicant: { ...complaint.applicant, firstName: 5 },
      extra: true,
    });
    const paths = parse(res).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('applicant.firstName');
    expect(paths).toContain('extra');
  });

  it('replays an Idempotency-Key with the same body and refuses it with another body', async () => {
    const first = parse(await post(complaint, { 'Idempotency-Key': 'same-key-123' }));
    const item = storedItem(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item);
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: item });

    const replay = await post({ ...complaint }, { 'Idempotency-Key': 'same-key-123' });
    expect(replay.statusCode).toBe(201);
    expect(parse(replay)).toEqual(first);

    const reused = await post(
      { ...complaint, description: 'another' },
      { 'Idempotency-Key': 'same-key-123' },
    );
    expect(reused.statusCode).toBe(409);
    expect(parse(reused).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await post(complaint, { 'Idempotency-Key': 'short' });
    expect(res.statusCode).toBe(400);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('never leaks an AWS error', async () => {
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException: arn:aws:dynamodb:secret'));
    const res = await post(complaint);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('arn:aws');
    expect(parse(res).error.code).toBe('INTERNAL');
  });
});

describe('POST /v1/counter/requests (counter filing for walk-in citizens)', () => {
  const counterPost = (claims: Record<string, unknown>) => {
    const event = apiEvent({
      method: 'POST',
      resource: '/v1/counter/requests',
      headers: jsonHeaders,
      body: JSON.stringify(complaint),
    });
    (event.requestContext as unknown as { authorizer: unknown }).authorizer = { claims };
    return handler(event, lambdaContext);
  };

  it('files for the citizen, recorded as counter filing with the officer in the history', async () => {
    // API Gateway passes Cognito groups as one string.
    const res = await counterPost({
      'custom:agency_id': 'district-2001',
      'cognito:username': 'somsri',
      'cognito:groups': '[counter]',
    });
    expect(res.statusCode).toBe(201);
    expect(parse(res).accessToken).toEqual(expect.any(String));
    const item = storedItem(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item);
    expect(item?.channel).toBe('counter');
    expect(item?.history[0]).toMatchObject({
      actor: 'agency:district-2001',
      note: 'Filed at the counter of district-2001 by officer somsri for a walk-in citizen',
    });
  });

  it('refuses an officer without the counter role, and a token naming no agency, changing nothing', async () => {
    const noRole = await counterPost({ 'custom:agency_id': 'district-2001', 'cognito:groups': '[auditors]' });
    expect(noRole.statusCode).toBe(403);
    expect(parse(noRole).error.message).toMatch(/counter role/);
    const noAgency = await counterPost({ 'custom:agency_id': 'nowhere-1', 'cognito:groups': ['counter'] });
    expect(noAgency.statusCode).toBe(403);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});
