import { Duration, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { agencyQueueName, deadLetterName, MAX_QUEUE_NAME } from '../../shared/queues.ts';
import type { Agency } from '../../shared/schemas/catalogue.ts';

/** How long an inbox message stays hidden after an officer reads it, before it shows again. */
export const INBOX_VISIBILITY = Duration.minutes(5);

export interface AgencyQueueProps {
  readonly envName: string;
  readonly agency: Agency;
  /** Who may assume the agency's polling role; the deployment account's admins by default. */
  readonly pollerPrincipal?: IPrincipal;
}

/**
 * An agency's inbox: a FIFO queue (one message group per request) with its DLQ, encrypted and
 * TLS-only, and an IAM role that can only receive from and delete on this one queue, for agency
 * systems that poll SQS directly.
 */
export class AgencyQueue extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;
  readonly pollerRole: Role;

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
    this.pollerRole = new Role(this, 'PollerRole', {
      assumedBy: props.pollerPrincipal ?? new AccountRootPrincipal(),
      description: `Polls the OSS inbox of ${props.agency.id} (${props.agency.nameEn}) in ${Stack.of(this).stackName}`,
    });
    this.queue.grantConsumeMessages(this.pollerRole);
  }
}
