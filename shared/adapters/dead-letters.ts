import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

// Used by the operator CLI, with the caller's credentials and endpoint (AWS_ENDPOINT_URL_SQS locally).
// Queue URLs are built from names; the endpoint (AWS_ENDPOINT_URL_SQS locally) decides where calls go.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

export async function approximateDepth(queueUrl: string): Promise<number> {
  const r = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(r.Attributes?.ApproximateNumberOfMessages ?? 0);
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly groupId?: string;
}

/** Peeks at up to `max` dead letters (they become visible again after a short timeout). */
export async function peekDeadLetters(dlqUrl: string, max = 10): Promise<DeadLetter[]> {
  const r = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: dlqUrl,
      MaxNumberOfMessages: Math.min(max, 10),
      VisibilityTimeout: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'MessageGroupId'],
    }),
  );
  return (r.Messages ?? []).map((m) => ({
    messageId: m.MessageId ?? '',
    body: m.Body ?? '',
    receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
    ...(m.Attributes?.MessageGroupId && { groupId: m.Attributes.MessageGroupId }),
  }));
}

/**
 * Moves every message from a DLQ back to its source queue: send first, then delete, so a crash
 * in between duplicates a message (which the consumers tolerate) rather than losing it.
 */
export async function redrive(dlqUrl: string, sourceUrl: string, fifo: boolean): Promise<number> {
  let moved = 0;
  for (;;) {
    const r = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    const messages = r.Messages ?? [];
    if (messages.length === 0) return moved;
    for (const m of messages) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: sourceUrl,
          MessageBody: m.Body ?? '',
          ...(fifo && {
            MessageGroupId: m.Attributes?.MessageGroupId ?? m.MessageId,
            MessageDeduplicationId: `redrive-${m.MessageId}-${Date.now()}`,
          }),
        }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: m.ReceiptHandle }));
      moved++;
    }
  }
}
