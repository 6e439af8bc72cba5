import { Duration, Tags } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { agencyQueueName, deadLetterName, MAX_QUEUE_NAME } from '../../shared/queues.ts';
import type { Agency } from '../../shared/schemas/catalogue.ts';

/** How long an inbox message stays hidden after an officer reads it, before it shows again. */
export const INBOX_VISIBILITY = Duration.minutes(5);

/** Queue tags that the province's poller role (ABAC) matches against the caller's session tag. */
export const AGENCY_TAG = 'oss:agency-id';
export const PROVINCE_TAG = 'oss:province';

export interface AgencyQueueProps {
  readonly envName: string;
  readonly agency: Agency;
}

/**
 * An agency's inbox: a FIFO queue (one message group per request) with its DLQ, encrypted and
 * TLS-only. The queue (not its DLQ) is tagged with the agency id: agency systems that poll SQS
 * directly assume their province's poller role with the session tag `agency_id`, and the role
 * reaches only the queue whose tag matches (see AgencyPollerRole). No role per agency, so
 * thousands of agencies stay far below the account's IAM role quota.
 */
export class AgencyQueue extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: AgencyQueueProps) {
    super(scope, id);
    const name = agencyQueueName(props.envName, props.agency.id);
    if (deadLetterName(name).length > MAX_QUEUE_NAME) throw new Error(`queue name too long: ${name}`);
    this.dlq = new Queue(this, 'Dlq', {
      queueName: deadLetterName(name),
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: name,
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Officers read the inbox by hand: a message shows again after this if nobody acted.
      visibilityTimeout: INBOX_VISIBILITY,
      retentionPeriod: Duration.days(14),
      // Generous: each inbox read counts as a receive. Unattended work lands in the DLQ for follow-up.
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: 10 },
    });
    Tags.of(this.queue).add(AGENCY_TAG, props.agency.id);
    Tags.of(this.queue).add(PROVINCE_TAG, props.agency.provinceCode);
  }
}
