import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateIssuer,
  signAgencyToken,
  verifyAgencyToken,
} from '../../infra/local/agency-tokens.ts';
import { matchRoute, type Route } from '../../infra/local/api-gateway.ts';
import { resolve } from '../../infra/local/intrinsics.ts';
import { rateToMs } from '../../infra/local/schedules.ts';
import { messagesToDelete, SqsEventSource } from '../../infra/local/sqs-event-source.ts';
import type { SynthesizedStack } from '../../infra/local/template.ts';

const msg = (id: string): Message => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: id });
const batch = [msg('a'), msg('b'), msg('c')];
const ids = (ms: Message[]) => ms.map((m) => m.MessageId);

describe('Lambda SQS batch rules, as the local event source applies them', () => {
  it('deletes nothing when the invocation fails', () => {
    expect(messagesToDelete(batch, { ok: false }, true)).toEqual([]);
    expect(messagesToDelete(batch, { ok: false }, false)).toEqual([]);
  });

  it('deletes everything on success without ReportBatchItemFailures, whatever the function returns', () => {
    expect(
      ids(
        messagesToDelete(
          batch,
          { ok: true, result: { batchItemFailures: [{ itemIdentifier: 'a' }] } },
          false,
        ),
      ),
    ).toEqual(['a', 'b', 'c']);
  });

  it('keeps exactly the reported failures with ReportBatchItemFailures', () => {
    const out = messagesToDelete(
      batch,
      { ok: true, result: { batchItemFailures: [{ itemIdentifier: 'b' }] } },
      true,
    );
    expect(ids(out)).toEqual(['a', 'c']);
    expect(ids(messagesToDelete(batch, { ok: true, result: { batchItemFailures: [] } }, true))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(ids(messagesToDelete(batch, { ok: true, result: null }, true))).toEqual(['a', 'b', 'c']);
    expect(ids(messagesToDelete(batch, { ok: true, result: {} }, true))).toEqual(['a', 'b', 'c']);
  });

  it('treats a malformed report as a failure of the whole batch', () => {
    const unknownId = { batchItemFailures: [{ itemIdentifier: 'zzz' }] };
    expect(messagesToDelete(batch, { ok: true, result: unknownId }, true)).toEqual([]);
    expect(
      messagesToDelete(batch, { ok: true, result: { batchItemFailures: [{ itemIdentifier: '' }] } }, true),
    ).toEqual([]);
    expect(messagesToDelete(batch, { ok: true, result: { batchItemFailures: 'b' } }, true)).toEqual([]);
    expect(messagesToDelete(batch, { ok: true, result: 'ok' }, true)).toEqual([]);
  });
});

describe('SQS event source against the emulator', () => {
  let fauxqs: FauxqsServer;
  let sqs: SQSClient;
  beforeAll(async () => {
    fauxqs = await startFauxqs({ port: 0, logger: false });
    sqs = new SQSClient({
      endpoint: fauxqs.address,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(async () => {
    sqs.destroy();
    await fauxqs.stop();
  });

  it('retries only the failed message and parks it in the DLQ after maxReceiveCount', async () => {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'poison-dlq' }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const q = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'poison-src',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: q.QueueUrl,
        Entries: ['good-1', 'poison', 'good-2'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    const seen: string[] = [];
    const source = new SqsEventSource(
      {
        queueUrl: q.QueueUrl ?? '',
        queueArn: 'arn:aws:sqs:ap-southeast-7:000000000000:poison-src',
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
        region: 'ap-southeast-7',
      },
      async (event) => {
        const records = (event as { Records: Array<{ messageId: string; body: string }> }).Records;
        seen.push(...records.map((r) => r.body));
        return {
          batchItemFailures: records
            .filter((r) => r.body === 'poison')
            .map((r) => ({ itemIdentifier: r.messageId })),
        };
      },
      fauxqs.address,
      () => {},
    );
    // Poll by hand, waiting out the 1 s visibility timeout between rounds.
    for (let round = 0; round < 4; round++) {
      await source.pollOnce(0);
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(seen.filter((b) => b === 'good-1')).toHaveLength(1);
    expect(seen.filter((b) => b === 'good-2')).toHaveLength(1);
    expect(seen.filter((b) => b === 'poison')).toHaveLength(2);
    const parked = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    expect(parked.Messages?.map((m) => m.Body)).toEqual(['poison']);
    const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10 }));
    expect(left.Messages ?? []).toEqual([]);
    await source.stop();

    // Once the cause is fixed, the operator's redrive moves it back and it is processed: none lost.
    process.env.AWS_ENDPOINT_URL_SQS = fauxqs.address;
    process.env.AWS_ACCESS_KEY_ID = 'x';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    const { redrive } = await import('../../shared/adapters/dead-letters.ts');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await redrive(dlq.QueueUrl ?? '', q.QueueUrl ?? '', false)).toBe(1);
    const fixed: string[] = [];
    const healed = new SqsEventSource(
      {
        queueUrl: q.QueueUrl ?? '',
        queueArn: 'arn:aws:sqs:ap-southeast-7:000000000000:poison-src',
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
        region: 'ap-southeast-7',
      },
      async (event) => {
        fixed.push(...(event as { Records: Array<{ body: string }> }).Records.map((r) => r.body));
        return { batchItemFailures: [] };
      },
      fauxqs.address,
      () => {},
    );
    expect(await healed.pollOnce(1)).toBe(1);
    expect(fixed).toEqual(['poison']);
    await healed.stop();
  }, 30_000);
});

describe('API routes and template references', () => {
  const routes: Route[] = [
    { method: 'GET', resource: '/v1/services', functionKey: 'a', cognito: false },
    { method: 'GET', resource: '/v1/services/{code}', functionKey: 'b', cognito: false },
    { method: 'GET', resource: '/v1/agencies/{agencyId}/requests/{id}', functionKey: 'c', cognito: true },
  ];

  it('matches path templates, preferring literal segments, and tells 404 from 405', () => {
    expect(matchRoute(routes, 'GET', '/v1/services').route?.functionKey).toBe('a');
    const m = matchRoute(routes, 'GET', '/v1/services/house-number');
    expect(m.route?.functionKey).toBe('b');
    expect(m.params).toEqual({ code: 'house-number' });
    expect(matchRoute(routes, 'GET', '/v1/agencies/pao-20/requests/r1').params).toEqual({
      agencyId: 'pao-20',
      id: 'r1',
    });
    expect(matchRoute(routes, 'POST', '/v1/services').route).toBeUndefined();
    expect(matchRoute(routes, 'POST', '/v1/services').pathKnown).toBe(true);
    expect(matchRoute(routes, 'GET', '/v1/nothing').pathKnown).toBe(false);
    expect(matchRoute(routes, 'GET', '/v1/services/%E0%B8%81').params.code).toBe('ก');
    expect(matchRoute(routes, 'DELETE', '/v1/services').allowed).toEqual(['GET']);
    expect(() => matchRoute(routes, 'GET', '/v1/services/%')).toThrow();
  });

  it('resolves Ref, GetAtt, Join, Select, Split, Sub, ImportValue and pseudo parameters', () => {
    const stack: SynthesizedStack = { stackName: 'S', resources: {}, outputs: {} };
    const scope = {
      stack,
      resources: new Map([['S/Table', { ref: 'table-name', attributes: { Arn: 'arn:table' } }]]),
      exports: new Map<string, unknown>([['S:Export', 'exported']]),
      pseudo: { 'AWS::Region': 'ap-southeast-7', 'AWS::AccountId': '000000000000' },
    };
    expect(resolve({ Ref: 'Table' }, scope)).toBe('table-name');
    expect(resolve({ 'Fn::GetAtt': ['Table', 'Arn'] }, scope)).toBe('arn:table');
    expect(resolve({ 'Fn::Join': ['', ['https://sqs.', { Ref: 'AWS::Region' }, '/']] }, scope)).toBe(
      'https://sqs.ap-southeast-7/',
    );
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, scope)).toBe('b');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub template, not JS
    expect(resolve({ 'Fn::Sub': 'x-${Table}-${AWS::AccountId}-${Table.Arn}' }, scope)).toBe(
      'x-table-name-000000000000-arn:table',
    );
    expect(resolve({ 'Fn::ImportValue': 'S:Export' }, scope)).toBe('exported');
    expect(resolve({ a: [{ Ref: 'Table' }] }, scope)).toEqual({ a: ['table-name'] });
    expect(() => resolve({ Ref: 'Nope' }, scope)).toThrow(/cannot resolve Ref Nope/);
  });

  it('reads rate schedules', () => {
    expect(rateToMs('rate(5 minutes)')).toBe(300_000);
    expect(rateToMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateToMs('cron(0 1 * * ? *)')).toBeUndefined();
  });
});

describe('local agency tokens', () => {
  it('refuses a token that never expires, even with a valid signature', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oss-tokens-'));
    try {
      const issuer = await loadOrCreateIssuer(dir);
      const good = await signAgencyToken(issuer, 'pao-20');
      expect((await verifyAgencyToken(issuer, good))['custom:agency_id']).toBe('pao-20');
      const forever = await new SignJWT({ token_use: 'id', 'custom:agency_id': 'pao-20' })
        .setProtectedHeader({ alg: 'ES256', kid: 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .sign(issuer.privateKey);
      await expect(verifyAgencyToken(issuer, forever)).rejects.toThrow(/exp/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
