import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueWithDlqProps {
  /** The consumer's Lambda timeout: visibility is six times it, as AWS advises for SQS sources. */
  readonly consumerTimeout: Duration;
  readonly fifo?: boolean;
  /** Receives before a message is parked in the DLQ (≥ 5). */
  readonly maxReceiveCount?: number;
}

/**
 * A work queue with its dead-letter queue: encrypted (SSE-SQS), TLS-only, visibility timeout
 * ≥ 6× its consumer's timeout, failed messages parked after `maxReceiveCount` receives and
 * kept 14 days for inspection and redrive.
 */
export class QueueWithDlq extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (maxReceiveCount < 5) throw new Error('maxReceiveCount must be at least 5');
    const fifo = props.fifo ?? false;
    this.dlq = new Queue(this, 'Dlq', {
      fifo: fifo || undefined,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      fifo: fifo || undefined,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount },
    });
  }
}
