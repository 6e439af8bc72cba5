import { createHash } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export interface EventSourceSpec {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  /** Concurrent pollers (Lambda's ScalingConfig.MaximumConcurrency, at least 2). */
  readonly maxConcurrency: number;
  readonly region: string;
}

export type Invoke = (event: unknown) => Promise<unknown>;

/** The SQS event Lambda hands a function for a batch. */
export function sqsEvent(messages: readonly Message[], spec: Pick<EventSourceSpec, 'queueArn' | 'region'>) {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: m.Attributes?.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp:
          m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        ...(m.Attributes?.MessageGroupId && { MessageGroupId: m.Attributes.MessageGroupId }),
        ...(m.Attributes?.MessageDeduplicationId && {
          MessageDeduplicationId: m.Attributes.MessageDeduplicationId,
        }),
        ...(m.Attributes?.SequenceNumber && { SequenceNumber: m.Attributes.SequenceNumber }),
      },
      messageAttributes: {},
      md5OfBody:
        m.MD5OfBody ??
        createHash('md5')
          .update(m.Body ?? '')
          .digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: spec.queueArn,
      awsRegion: spec.region,
    })),
  };
}

/**
 * Which messages of a batch Lambda deletes, given how the invocation ended — Lambda's rules:
 * an error or timeout deletes none; without ReportBatchItemFailures a success deletes all; with
 * it, a success deletes all but the reported failures, and a malformed report (not an object,
 * an identifier not in the batch) counts as a failure of the whole batch.
 */
export function messagesToDelete(
  batch: readonly Message[],
  outcome: { ok: true; result: unknown } | { ok: false },
  reportBatchItemFailures: boolean,
): Message[] {
  if (!outcome.ok) return [];
  if (!reportBatchItemFailures) return [...batch];
  const result = outcome.result as { batchItemFailures?: unknown } | null | undefined;
  if (result === null || result === undefined) return [...batch];
  if (typeof result !== 'object') return [];
  const failures = result.batchItemFailures;
  if (failures === undefined || failures === null) return [...batch];
  if (!Array.isArray(failures)) return [];
  const ids = new Set(batch.map((m) => m.MessageId));
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown })?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return [];
    failed.add(id);
  }
  return batch.filter((m) => !failed.has(m.MessageId ?? ''));
}

/**
 * Polls a queue and invokes a function with batches, exactly like a Lambda SQS event source
 * mapping: undeleted messages reappear after the queue's visibility timeout, and the queue's
 * redrive policy moves them to its DLQ after maxReceiveCount receives.
 */
export class SqsEventSource {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sqs: SQSClient;

  constructor(
    private readonly spec: EventSourceSpec,
    private readonly invoke: Invoke,
    endpoint: string,
    private readonly log: (line: string) => void,
  ) {
    this.sqs = new SQSClient({
      endpoint,
      region: spec.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  start(): void {
    this.running = true;
    const pollers = Math.max(2, Math.min(this.spec.maxConcurrency, 5));
    this.loops = Array.from({ length: pollers }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.sqs.destroy();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce(1);
      } catch (error) {
        if (this.running) this.log(`event source ${this.spec.queueArn}: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** One receive → invoke → delete cycle; returns how many messages were received. */
  async pollOnce(waitSeconds: number): Promise<number> {
    const received = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.spec.queueUrl,
        MaxNumberOfMessages: Math.min(this.spec.batchSize, 10),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const batch = received.Messages ?? [];
    if (batch.length === 0) return 0;
    let outcome: { ok: true; result: unknown } | { ok: false };
    try {
      outcome = { ok: true, result: await this.invoke(sqsEvent(batch, this.spec)) };
    } catch (error) {
      this.log(
        `event source ${this.spec.queueArn}: invocation failed, batch returns to the queue: ${(error as Error).message}`,
      );
      outcome = { ok: false };
    }
    const done = messagesToDelete(batch, outcome, this.spec.reportBatchItemFailures);
    if (done.length > 0) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.spec.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
    return batch.length;
  }
}
