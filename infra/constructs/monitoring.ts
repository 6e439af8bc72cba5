import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Alarm helpers that always notify the alerts topic and treat missing data as fine. */
export class Alarms extends Construct {
  private readonly action: SnsAction;

  constructor(
    scope: Construct,
    id: string,
    private readonly topic: ITopic,
  ) {
    super(scope, id);
    this.action = new SnsAction(this.topic);
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Any message in a dead-letter queue needs a person. */
  deadLetters(id: string, dlq: IQueue, what: string): Alarm {
    return this.alarm(
      `${id}DlqDepth`,
      dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      1,
      `Messages in the dead-letter queue of ${what}: inspect, fix, then redrive (README: Dead-letter queues).`,
    );
  }

  /** Work waiting longer than `maxAge` means the consumer is down or overwhelmed. */
  queueAge(id: string, queue: IQueue, maxAge: Duration, what: string): Alarm {
    return this.alarm(
      `${id}Age`,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      maxAge.toSeconds(),
      `The oldest message on ${what} is older than ${maxAge.toHumanString()}.`,
    );
  }

  functionHealth(id: string, fn: IFunction): Alarm[] {
    return [
      this.alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), 5, `Errors in ${id}.`),
      this.alarm(
        `${id}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `${id} is throttled.`,
      ),
    ];
  }

  metric(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    return this.alarm(id, metric, threshold, description);
  }

  /**
   * A Powertools (EMF) metric of one function: namespace `OSS`, dimension `service` = the
   * function's name under functions/.
   */
  appMetric(
    id: string,
    functionName: string,
    metricName: string,
    threshold: number,
    description: string,
  ): Alarm {
    return this.alarm(
      `${id}${metricName}`,
      new Metric({
        namespace: 'OSS',
        metricName,
        dimensionsMap: { service: functionName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      threshold,
      description,
    );
  }

  /** An HTTP function answered 5xx: its own metric, since a handled error is no Lambda error. */
  http5xx(id: string, functionName: string): Alarm {
    return this.appMetric(id, functionName, 'Http5xx', 5, `${functionName} answered 5xx responses.`);
  }

  /** Statistics counter updates that were neither applied nor queued for retry. */
  statsLost(id: string, functionName: string): Alarm {
    return this.appMetric(
      id,
      functionName,
      'StatsUpdatesLost',
      1,
      `${functionName} lost statistics counter updates: the public statistics drift (rebuild them: docs/deploy.md).`,
    );
  }

  /** DynamoDB throttled the requests table: capacity or a hot partition. */
  tableThrottles(id: string, table: Table): Alarm {
    return this.alarm(
      `${id}Throttles`,
      table.metricThrottledRequestsForOperations({
        operations: [Operation.GET_ITEM, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.QUERY],
        period: Duration.minutes(5),
      }),
      1,
      'The requests table throttled requests.',
    );
  }
}

export interface ProvinceDashboardProps {
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly intakeQueue: IQueue;
  readonly intakeDlq: IQueue;
  readonly router: IFunction;
}

/** One CloudWatch dashboard per province: intake backlog and age, routing, errors, dead letters. */
export class ProvinceDashboard extends Construct {
  constructor(scope: Construct, id: string, props: ProvinceDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new GraphWidget({
            title: `${props.provinceName} (${props.provinceCode}) — intake backlog`,
            left: [props.intakeQueue.metricApproximateNumberOfMessagesVisible({ period })],
            right: [props.intakeQueue.metricApproximateAgeOfOldestMessage({ period })],
          }),
          new GraphWidget({
            title: 'Router',
            left: [props.router.metricInvocations({ period }), props.router.metricErrors({ period })],
            right: [props.router.metricDuration({ period, statistic: 'p99' })],
          }),
          new SingleValueWidget({
            title: 'Dead letters (intake)',
            metrics: [props.intakeDlq.metricApproximateNumberOfMessagesVisible({ period })],
          }),
        ],
      ],
    });
  }
}
