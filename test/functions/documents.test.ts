import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromStored } from '../../shared/adapters/request-record.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { apiEvent, jsonHeaders, lambdaContext } from '../support/api-event.ts';
import { serviceByCode, storedRequest } from '../support/items.ts';

process.env.REQUESTS_TABLE_NAME = 'requests-test';
process.env.DOCUMENTS_BUCKET_NAME = 'documents-test';
process.env.AWS_REGION = 'ap-southeast-7';
process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';
const { handler: documents } = await import('../../functions/documents/handler.ts');
const { handler: verifier } = await import('../../functions/document-verifier/handler.ts');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const requestId = '0b5a3f6e-2f7c-4d1b-9a55-3c2e1f0a9b8c';
const houseNumber = serviceByCode('house-number');
const spec = houseNumber.requiredDocuments[0];
if (!spec) throw new Error('house-number needs documents');
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

let stored: RequestItem;
let token: string;

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ({ item: stored, accessToken: token } = storedRequest('house-number', requestId));
  ddb.on(GetCommand).callsFake(() => ({ Item: stored }));
  ddb.on(PutCommand).callsFake((input: { Item: RequestItem }) => {
    stored = fromStored(input.Item);
    return {};
  });
});

const startUpload = (body: unknown, auth = `Bearer ${token}`) =>
  documents(
    apiEvent({
      method: 'POST',
      resource: '/v1/requests/{id}/documents',
      pathParameters: { id: requestId },
      headers: { ...jsonHeaders, Authorization: auth },
      body: JSON.stringify(body),
    }),
    lambdaContext,
  );

const s3Notification = (key: string): SQSEvent => ({
  Records: [
    {
      messageId: 'm1',
      receiptHandle: 'r1',
      body: JSON.stringify({
        Records: [
          { eventName: 'ObjectCreated:Post', s3: { bucket: { name: 'documents-test' }, object: { key } } },
        ],
      }),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1763800000000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1763800000001',
      },
      messageAttributes: {},
      md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-7:000000000000:document-events',
      awsRegion: 'ap-southeast-7',
    },
  ],
});

function objectIs(bytes: Buffer, size = bytes.length) {
  s3.on(HeadObjectCommand).resolves({ ContentLength: size });
  // Only the part of the SDK stream the adapter uses.
  const body = { transformToByteArray: async () => new Uint8Array(bytes) };
  s3.on(GetObjectCommand).resolves({ Body: body as never });
  s3.on(CopyObjectCommand).resolves({});
  s3.on(DeleteObjectCommand).resolves({});
  s3.on(PutObjectCommand).resolves({});
}

async function uploadSlot(contentType = spec?.contentTypes[0] ?? 'application/pdf', sizeBytes = PDF.length) {
  const res = await startUpload({ type: spec?.type, contentType, sizeBytes });
  if (res.statusCode !== 201) throw new Error(res.body);
  return JSON.parse(res.body) as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
}

describe('POST /v1/requests/{id}/documents', () => {
  it('returns a presigned POST whose policy pins key, content type and the declared size', async () => {
    const { documentId, upload } = await uploadSlot('application/pdf', 1234);
    const key = `requests/${requestId}/${documentId}`;
    expect(upload.fields.key).toBe(key);
    expect(upload.url).toContain('documents-test');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString('utf8'));
    expect(new Date(policy.expiration).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'documents-test' },
        { key },
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', 1234, 1234],
      ]),
    );
    expect(stored.documents).toEqual([
      expect.objectContaining({ documentId, status: 'PENDING_UPLOAD', type: spec?.type, key }),
    ]);
  });

  it('refuses a type, content type or size the service does not allow, recording nothing', async () => {
    const bad = await startUpload({ type: 'no-such-doc', contentType: 'application/pdf', sizeBytes: 10 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.issues[0].path).toBe('type');
    const big = await startUpload({
      type: spec?.type,
      contentType: 'application/pdf',
      sizeBytes: (spec?.maxBytes ?? 0) + 1,
    });
    expect(JSON.parse(big.body).error.issues[0].path).toBe('sizeBytes');
    const gif = await startUpload({ type: spec?.type, contentType: 'image/gif', sizeBytes: 10 });
    expect(JSON.parse(gif.body).error.issues[0].path).toBe('contentType');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 404 to another request’s token', async () => {
    const res = await startUpload(
      { type: spec?.type, contentType: 'application/pdf', sizeBytes: 10 },
      'Bearer other',
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('document-verifier', () => {
  it('verifies a good PDF and, with every required document verified, submits the request in the same write', async () => {
    for (const required of houseNumber.requiredDocuments) {
      const res = await startUpload({
        type: required.type,
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
      });
      const { documentId } = JSON.parse(res.body);
      objectIs(PDF);
      const out = await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
      expect(out).toEqual({ batchItemFailures: [] });
      // The exact bytes judged are kept where only the verifier writes.
      const copy = s3.commandCalls(PutObjectCommand).at(-1)?.args[0].input;
      expect(copy?.Key).toMatch(new RegExp(`^verified/${requestId}/${documentId}/[0-9a-f]{32}$`));
      expect(Buffer.from(copy?.Body as Uint8Array)).toEqual(PDF);
    }
    expect(
      stored.documents.every((d) => d.status === 'VERIFIED' && d.verifiedKey?.startsWith('verified/')),
    ).toBe(true);
    expect(stored.status).toBe('SUBMITTED');
    expect(stored.history.at(-1)).toMatchObject({ status: 'SUBMITTED', actor: 'system:document-verifier' });
  });

  it('rejects a PNG declared as a PDF with a reason and moves it to quarantine', async () => {
    const { documentId } = await uploadSlot('application/pdf', PNG.length);
    objectIs(PNG);
    await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
    const doc = stored.documents.find((d) => d.documentId === documentId);
    expect(doc).toMatchObject({
      status: 'REJECTED',
      reason: 'content is image/png but was declared as application/pdf',
    });
    expect(stored.status).toBe('AWAITING_DOCUMENTS');
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input.Key).toBe(
      `quarantine/requests/${requestId}/${documentId}`,
    );
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input.Key).toBe(
      `requests/${requestId}/${documentId}`,
    );
  });

  it('rejects an oversize object', async () => {
    const { documentId } = await uploadSlot('application/pdf');
    objectIs(PDF, (spec?.maxBytes ?? 0) + 1);
    await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
    expect(stored.documents[0]?.status).toBe('REJECTED');
    expect(stored.documents[0]?.reason).toMatch(/limit/);
  });

  it('quarantines an object under an unknown key without touching any request', async () => {
    objectIs(PDF);
    await verifier(
      s3Notification(`requests/${requestId}/11111111-2222-4333-8444-555555555555`),
      lambdaContext,
    );
    await verifier(s3Notification('requests/whatever.pdf'), lambdaContext);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(2);
  });

  it('sets aside a second upload to a judged slot without touching the verified record', async () => {
    const { documentId } = await uploadSlot('application/pdf');
    objectIs(PDF);
    await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
    const writes = ddb.commandCalls(PutCommand).length;
    const version = stored.version;
    const copies = s3.commandCalls(PutObjectCommand).length;
    objectIs(Buffer.from('<html>swapped</html>'));
    await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(writes);
    expect(stored.version).toBe(version);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(copies);
    expect(String(s3.commandCalls(CopyObjectCommand).at(-1)?.args[0].input.Key)).toMatch(
      new RegExp(`^quarantine/requests/${requestId}/${documentId}\\.late-`),
    );
  });

  it('rejects an upload whose size differs from the one declared', async () => {
    const { documentId } = await uploadSlot('application/pdf', 1000);
    objectIs(PDF);
    await verifier(s3Notification(`requests/${requestId}/${documentId}`), lambdaContext);
    expect(stored.documents[0]).toMatchObject({
      status: 'REJECTED',
      reason: `file is ${PDF.length} bytes but was declared as 1000 bytes`,
    });
  });

  it('fails only the message whose body is not an S3 notification', async () => {
    const event = s3Notification('requests/x');
    const poison = { ...event.Records[0], messageId: 'poison', body: 'not json' } as SQSEvent['Records'][0];
    objectIs(PDF);
    const out = await verifier({ Records: [...event.Records, poison] }, lambdaContext);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
  });
});
