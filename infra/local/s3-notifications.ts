import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer, S3SpyEvent } from 'fauxqs';

export interface QueueNotification {
  readonly bucket: string;
  readonly queueUrl: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** Bucket notifications to SQS declared in the templates (`Custom::S3BucketNotifications`). */
export function queueNotificationsFrom(
  resolved: Array<{ bucket: string; config: { QueueConfigurations?: unknown[] } }>,
  queueUrlOfArn: (arn: string) => string | undefined,
): QueueNotification[] {
  const out: QueueNotification[] = [];
  for (const { bucket, config } of resolved) {
    for (const raw of config.QueueConfigurations ?? []) {
      const q = raw as {
        Events?: string[];
        QueueArn?: string;
        Filter?: { Key?: { FilterRules?: Array<{ Name: string; Value: string }> } };
      };
      if (!q.Events?.some((e) => e.startsWith('s3:ObjectCreated:'))) continue;
      const queueUrl = q.QueueArn ? queueUrlOfArn(q.QueueArn) : undefined;
      if (!queueUrl) continue;
      const rules = q.Filter?.Key?.FilterRules ?? [];
      out.push({
        bucket,
        queueUrl,
        prefix: rules.find((r) => r.Name.toLowerCase() === 'prefix')?.Value ?? '',
        suffix: rules.find((r) => r.Name.toLowerCase() === 'suffix')?.Value ?? '',
      });
    }
  }
  return out;
}

/** The notification body S3 sends for a created object. */
export function objectCreatedMessage(bucket: string, key: string, region: string) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Post',
        s3: {
          s3SchemaVersion: '1.0',
          bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+') },
        },
      },
    ],
  };
}

/**
 * fauxqs does not send bucket notifications, so the runner watches its upload events and sends
 * to the configured queues what S3 would.
 */
export class S3NotificationBridge {
  private readonly seen = new WeakSet<object>();
  private timer: NodeJS.Timeout | undefined;
  private readonly sqs: SQSClient;

  constructor(
    private readonly fauxqs: FauxqsServer,
    private readonly notifications: readonly QueueNotification[],
    endpoint: string,
    private readonly region: string,
    private readonly log: (line: string) => void,
  ) {
    this.sqs = new SQSClient({
      endpoint,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Uploads before start (e.g. while the runner was down) are not replayed: S3 would not either.
    for (const m of this.fauxqs.spy.getAllMessages()) this.seen.add(m);
  }

  start(intervalMs = 100): void {
    if (this.notifications.length === 0) return;
    const tick = async () => {
      for (const m of this.fauxqs.spy.getAllMessages()) {
        if (this.seen.has(m)) continue;
        this.seen.add(m);
        if (m.service !== 's3' || m.status !== 'uploaded') continue;
        await this.notify(m).catch((e: Error) => this.log(`s3 notification failed: ${e.message}`));
      }
      this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  private async notify(event: S3SpyEvent): Promise<void> {
    for (const n of this.notifications) {
      if (n.bucket !== event.bucket || !event.key.startsWith(n.prefix) || !event.key.endsWith(n.suffix))
        continue;
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: n.queueUrl,
          MessageBody: JSON.stringify(objectCreatedMessage(event.bucket, event.key, this.region)),
        }),
      );
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sqs.destroy();
  }
}
