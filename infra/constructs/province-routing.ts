import { Duration, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { agencyQueueName, deadLetterName, intakeQueueName } from '../../shared/queues.ts';
import type { Agency, Province } from '../../shared/schemas/catalogue.ts';
import type { EnvironmentSettings } from '../config.ts';
import { grantTable } from '../grants.ts';
import { ServiceFunction } from './service-function.ts';

export const ROUTER_TIMEOUT = Duration.seconds(20);

export interface ProvinceRoutingProps {
  readonly envName: string;
  readonly settings: EnvironmentSettings;
  readonly province: Province;
  /** Every agency of the province: the router may send to these queues and no others. */
  readonly agencies: readonly Agency[];
  readonly table: Table;
  readonly queueUrlPrefix: string;
  /** Upper bound of concurrent router invocations for this province (≥ 2). */
  readonly maxConcurrency?: number;
}

/**
 * A province's intake path: its FIFO intake queue and DLQ, and its own router function on its
 * own event source, so one province's flood or poison message never holds up another.
 */
export class ProvinceRouting extends Construct {
  readonly intakeQueue: Queue;
  readonly intakeDlq: Queue;
  readonly router: ServiceFunction;

  constructor(scope: Construct, id: string, props: ProvinceRoutingProps) {
    super(scope, id);
    const { envName, province } = props;
    const name = intakeQueueName(envName, province.code);
    this.intakeDlq = new Queue(this, 'IntakeDlq', {
      queueName: deadLetterName(name),
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.intakeQueue = new Queue(this, 'IntakeQueue', {
      queueName: name,
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(ROUTER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.intakeDlq, maxReceiveCount: 5 },
    });

    this.router = new ServiceFunction(this, 'Router', {
      name: 'router',
      description: `Routes ${province.nameEn} (${province.code}) requests to the responsible agency`,
      timeout: ROUTER_TIMEOUT,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.envName]: envName,
        [ENV.queueUrlPrefix]: props.queueUrlPrefix,
      },
      // Never more routers than the event source may run, and never fewer: the province's share of
      // the account's concurrency is reserved, so a flood elsewhere cannot starve its routing.
      ...(props.settings.reservedConcurrency && {
        reservedConcurrency: props.settings.reservedConcurrency.router,
      }),
    });
    grantTable(props.table, this.router.fn, envName, ['get', 'put']);
    this.router.fn.addEventSource(
      new SqsEventSource(this.intakeQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: Math.max(2, props.settings.reservedConcurrency?.router ?? props.maxConcurrency ?? 5),
      }),
    );
    // The agency queues may live in sibling stacks; their names are fixed, so grant by ARN.
    const stack = Stack.of(this);
    this.router.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: props.agencies.map((a) =>
          stack.formatArn({ service: 'sqs', resource: agencyQueueName(envName, a.id) }),
        ),
      }),
    );
  }
}
