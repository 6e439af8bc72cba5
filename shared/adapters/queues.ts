import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ENV, requireEnv } from '../env.ts';
import { agencyQueueName, intakeQueueName } from '../queues.ts';
import type { AgencyMessage, IntakeMessage, StatsRetryMessage } from '../schemas/messages.ts';

// One client per execution environment; locally AWS_ENDPOINT_URL_SQS points at the emulator.
// Queue URLs are built from names; the endpoint (AWS_ENDPOINT_URL_SQS locally) decides where calls go.
export const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

const queueUrl = (name: string) => `${requireEnv(ENV.queueUrlPrefix)}${name}`;
const envName = () => requireEnv(ENV.envName);

export const intakeQueueUrl = (provinceCode: string) => queueUrl(intakeQueueName(envName(), provinceCode));
export const agencyQueueUrl = (agencyId: string) => queueUrl(agencyQueueName(envName(), agencyId));

/**
 * Queues a SUBMITTED request for routing. FIFO: one message group per request, and the
 * deduplication id names the request and its version, so a re-send within five minutes is
 * dropped by SQS and any later one by the router's conditional write.
 */
export async function sendToIntake(message: IntakeMessage, version: number, resend?: number): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: intakeQueueUrl(message.provinceCode),
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.requestId,
      // A reconciler re-send is a new message (else SQS would drop it within five minutes).
      MessageDeduplicationId: `${message.requestId}:${version}${resend ? `:resend-${resend}` : ''}`,
    }),
  );
}

export async function sendToAgency(message: AgencyMessage, attempt?: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: agencyQueueUrl(message.agencyId),
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.requestId,
      // `attempt` makes a retried forward a new message: its first send may have been dropped as stale.
      MessageDeduplicationId: `${message.requestId}:${message.kind}:${message.version}${attempt ? `:${attempt}` : ''}`,
    }),
  );
}

export interface ReceivedMessage {
  readonly receiptHandle: string;
  readonly body: string;
  /** When SQS accepted the message (ms since the epoch). */
  readonly sentAt: number;
}

/** Long-polls an agency's queue. */
export async function receiveFromAgency(
  agencyId: string,
  max: number,
  waitSeconds: number,
): Promise<ReceivedMessage[]> {
  const result = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: agencyQueueUrl(agencyId),
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ['SentTimestamp'],
    }),
  );
  return (result.Messages ?? []).flatMap((m) =>
    m.ReceiptHandle && m.Body !== undefined
      ? [
          {
            receiptHandle: m.ReceiptHandle,
            body: m.Body,
            sentAt: Number(m.Attributes?.SentTimestamp ?? Date.now()),
          },
        ]
      : [],
  );
}

/** Shows a received message again after `seconds` (0: at once). */
export async function releaseAgencyMessage(agencyId: string, receiptHandle: string, seconds: number) {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: agencyQueueUrl(agencyId),
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
}

export async function deleteFromAgency(agencyId: string, receiptHandle: string): Promise<void> {
  await sqs.send(
    new DeleteMessageCommand({ QueueUrl: agencyQueueUrl(agencyId), ReceiptHandle: receiptHandle }),
  );
}

/** Parks counter deltas whose update failed, for the stats-retry consumer to apply. */
export async function sendStatsRetry(message: StatsRetryMessage): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: requireEnv(ENV.statsRetryQueueUrl),
      MessageBody: JSON.stringify(message),
    }),
  );
}

/**
 * Re-sends an upload notification (in S3's own event shape) to the document verifier's queue,
 * for an upload whose original notification was lost.
 */
export async function sendDocumentEvent(bucketName: string, key: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: requireEnv(ENV.documentEventsQueueUrl),
      MessageBody: JSON.stringify({
        Records: [
          {
            eventName: 'ObjectCreated:Post',
            eventSource: 'oss:reconciler',
            s3: { bucket: { name: bucketName }, object: { key: encodeURIComponent(key) } },
          },
        ],
      }),
    }),
  );
}
