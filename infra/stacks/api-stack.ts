import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { OPENAPI_FILE } from '../../shared/data/openapi-document.ts';
import { SUBDISTRICTS_FILE } from '../../shared/data/subdistricts.ts';
import { ENV } from '../../shared/env.ts';
import { agencyQueueName, intakeQueueName } from '../../shared/queues.ts';
import { AgencyActionBody } from '../../shared/schemas/agency-actions.ts';
import { RatingBody, ReplyBody, StartUploadBody } from '../../shared/schemas/citizen-actions.ts';
import { KEY_PREFIX } from '../../shared/schemas/table.ts';
import type { EnvironmentSettings } from '../config.ts';
import { OssApi } from '../constructs/api.ts';
import { allowCitizenData } from '../constructs/keys.ts';
import { Alarms } from '../constructs/monitoring.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { ApiFirewall } from '../constructs/waf.ts';
import { grantTable } from '../grants.ts';
import {
  DOCUMENT_VERIFIER_TIMEOUT,
  STATS_COUNTER_TIMEOUT,
  STATS_RETRY_TIMEOUT,
  type StatefulStack,
} from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly envName: string;
  readonly settings: EnvironmentSettings;
  readonly servedProvinces: readonly string[];
  readonly queueUrlPrefix: string;
  readonly stateful: StatefulStack;
}

/** The HTTP API and the functions behind it: stateless, safe to redeploy at any time. */
export class ApiStack extends Stack {
  readonly api: OssApi;
  /** Every function, by its folder name under functions/. */
  readonly functions = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { envName, settings } = props;
    const { table, bucket, hashKey, documentEvents, agencyUsers, statsRetry } = props.stateful;
    const queueEnv = {
      [ENV.envName]: envName,
      [ENV.queueUrlPrefix]: props.queueUrlPrefix,
      [ENV.servedProvinces]: props.servedProvinces.join(','),
    };
    // Who collects fees; absent, fee services answer 503 PAYMENTS_NOT_CONFIGURED (infra/config.ts).
    const billingEnv: Record<string, string> = settings.payments
      ? { [ENV.billers]: JSON.stringify(settings.payments.billers) }
      : {};
    if (!settings.payments) {
      Annotations.of(this).addWarning(
        `Environment ${envName} has no payments configuration: services with a fee cannot be filed (docs/deploy.md: Payments).`,
      );
    }
    const sqsArn = (name: string) => this.formatArn({ service: 'sqs', resource: name });
    // Routing queues have fixed names (see shared/queues.ts), so access is granted by name pattern;
    // dead-letter queues are named oss-<env>-dlq-…, which these patterns never match.
    const intakeQueues = sqsArn(intakeQueueName(envName, '*'));
    const agencyQueues = sqsArn(agencyQueueName(envName, '*'));
    const sqs = (actions: string[], resources: string[]) => new PolicyStatement({ actions, resources });
    const fn = (id: string, props: ConstructorParameters<typeof ServiceFunction>[2]) => {
      const f = new ServiceFunction(this, id, props);
      this.functions.set(props.name, f);
      return f;
    };
    // Not Secret.grantRead: it grants the key through a via-service principal that CDK cannot place
    // in this account, so it edits the key policy in the stateful stack and makes a cycle.
    const readHashKey = (f: ServiceFunction) => {
      f.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [hashKey.secretArn],
        }),
      );
      props.stateful.dataKey.grantDecrypt(f.fn);
      allowCitizenData(f.fn.role, envName);
    };

    // Full citizen IDs are sealed at filing (data keys drawn directly, encryption context
    // purpose=citizen-id, which the key policy requires) and opened only by an officer's reveal.
    const citizenIdEnv = { [ENV.citizenIdKeyArn]: props.stateful.dataKey.keyArn };
    const sealCitizenIds = (f: ServiceFunction) => {
      f.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey'],
          resources: [props.stateful.dataKey.keyArn],
          conditions: { StringEquals: { 'kms:EncryptionContext:purpose': 'citizen-id' } },
        }),
      );
      allowCitizenData(f.fn.role, envName);
    };

    const catalog = fn('Catalog', {
      name: 'catalog',
      description: 'Health, geography and the service catalogue',
      memorySize: 256,
      environment: { [ENV.servedProvinces]: props.servedProvinces.join(',') },
      dataFiles: [SUBDISTRICTS_FILE, OPENAPI_FILE],
    });

    const intake = fn('Intake', {
      name: 'intake',
      description: 'Files a citizen request',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        ...queueEnv,
        ...billingEnv,
        ...citizenIdEnv,
      },
      dataFiles: [SUBDISTRICTS_FILE],
      ...(settings.reservedConcurrency && { reservedConcurrency: settings.reservedConcurrency.intake }),
    });
    sealCitizenIds(intake);
    grantTable(table, intake.fn, envName, ['get', 'put']);
    readHashKey(intake);
    intake.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues]));

    const citizenAuth = fn('CitizenAuth', {
      name: 'citizen-auth',
      description: 'ThaiD sign-in (relying party), citizen sessions and "my requests"',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        [ENV.thaidSecretId]: props.stateful.thaidClient.secretArn,
        ...citizenIdEnv,
      },
    });
    sealCitizenIds(citizenAuth);
    grantTable(table, citizenAuth.fn, envName, ['get', 'put', 'update', 'query']);
    readHashKey(citizenAuth);
    citizenAuth.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.stateful.thaidClient.secretArn],
      }),
    );

    const requestStatus = fn('RequestStatus', {
      name: 'request-status',
      description: "Reads a request's status for its citizen",
      // The hash key checks a signed-in citizen's session cookie.
      environment: { [ENV.tableName]: table.tableName, [ENV.hashKeySecretId]: hashKey.secretArn },
    });
    grantTable(table, requestStatus.fn, envName, ['get']);
    readHashKey(requestStatus);

    const citizenActions = fn('CitizenActions', {
      name: 'citizen-actions',
      description: 'Cancel, reply, rating and bill reissue by the citizen',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        ...queueEnv,
        ...billingEnv,
      },
    });
    grantTable(table, citizenActions.fn, envName, ['get', 'put']);
    readHashKey(citizenActions);
    // A citizen's reply goes to the agency's inbox.
    citizenActions.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [agencyQueues]));

    const documentsEnv = {
      [ENV.tableName]: table.tableName,
      [ENV.bucketName]: bucket.bucketName,
      ...queueEnv,
    };
    const documents = fn('Documents', {
      name: 'documents',
      description: 'Presigned uploads of supporting documents',
      environment: { ...documentsEnv, [ENV.hashKeySecretId]: hashKey.secretArn },
    });
    grantTable(table, documents.fn, envName, ['get', 'put']);
    readHashKey(documents);
    // Presigning needs no S3 call, but the signature carries this role's right to put the object.
    bucket.grantPut(documents.fn, 'requests/*');

    const verifier = fn('DocumentVerifier', {
      name: 'document-verifier',
      description: 'Checks uploaded documents (size, content) and keeps a verified copy',
      environment: { ...documentsEnv, ...billingEnv },
      timeout: DOCUMENT_VERIFIER_TIMEOUT,
      memorySize: 1024,
    });
    grantTable(table, verifier.fn, envName, ['get', 'put']);
    bucket.grantRead(verifier.fn, 'requests/*');
    bucket.grantDelete(verifier.fn, 'requests/*');
    bucket.grantPut(verifier.fn, 'quarantine/*');
    bucket.grantPut(verifier.fn, 'verified/*');
    verifier.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues]));
    verifier.fn.addEventSource(
      new SqsEventSource(documentEvents.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    const agencyEnv = {
      [ENV.tableName]: table.tableName,
      [ENV.bucketName]: bucket.bucketName,
      [ENV.hashKeySecretId]: hashKey.secretArn,
      ...queueEnv,
    };
    const agencyInbox = fn('AgencyInbox', {
      name: 'agency-inbox',
      description: "An agency's inbox (long poll of its queue) and its request lists",
      environment: agencyEnv,
      timeout: Duration.seconds(29),
      // Long polls hold a concurrent execution for up to 20 s: cap them so they cannot take the account's.
      ...(settings.reservedConcurrency && { reservedConcurrency: settings.reservedConcurrency.agencyInbox }),
    });
    grantTable(table, agencyInbox.fn, envName, ['get', 'query']);
    readHashKey(agencyInbox);
    agencyInbox.fn.addToRolePolicy(
      sqs(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'], [agencyQueues]),
    );

    const agencyActions = fn('AgencyActions', {
      name: 'agency-actions',
      description:
        'Agency actions on a request (billing, ID reveal included), and links to its verified documents',
      environment: { ...agencyEnv, ...billingEnv, ...citizenIdEnv },
    });
    // Decrypt only: opening a sealed citizen ID for a reveal (the key policy requires its purpose).
    agencyActions.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.stateful.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': 'citizen-id' } },
      }),
    );
    grantTable(table, agencyActions.fn, envName, ['get', 'put']);
    readHashKey(agencyActions);
    bucket.grantRead(agencyActions.fn, 'verified/*');
    agencyActions.fn.addToRolePolicy(sqs(['sqs:SendMessage', 'sqs:DeleteMessage'], [agencyQueues]));

    // Scheduled functions: a failed invocation (after Lambda's two retries) is kept here and alarmed.
    const scheduledFailures = new Queue(this, 'ScheduledFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const onScheduleFailure = { onFailure: new SqsDestination(scheduledFailures), retryAttempts: 2 };

    const reconciler = fn('Reconciler', {
      name: 'reconciler',
      description: 'Re-sends requests and uploads stranded between the table, the bucket and the queues',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.bucketName]: bucket.bucketName,
        [ENV.documentEventsQueueUrl]: documentEvents.queue.queueUrl,
        ...queueEnv,
      },
      timeout: Duration.minutes(5),
      // The local SQS emulator keeps no messages across restarts: re-send everything waiting.
      localStartupEvent: { includeRouted: true, olderThanSeconds: 0, countResends: false },
    });
    grantTable(table, reconciler.fn, envName, ['get', 'query', 'update']);
    reconciler.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues, agencyQueues]));
    documentEvents.queue.grantSendMessages(reconciler.fn);
    // HeadObject only: is an upload that was never verified really there?
    reconciler.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('requests/*')] }),
    );
    reconciler.fn.configureAsyncInvoke(onScheduleFailure);
    new Rule(this, 'ReconcileSchedule', {
      description: 'Re-send stranded requests every five minutes',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [
        new LambdaFunction(reconciler.fn, { event: RuleTargetInput.fromObject({ includeRouted: false }) }),
      ],
    });

    const slaSweeper = fn('SlaSweeper', {
      name: 'sla-sweeper',
      description: 'Flags overdue requests and escalates a copy to the Damrongdhama centre',
      environment: { [ENV.tableName]: table.tableName, ...queueEnv },
      timeout: Duration.minutes(5),
    });
    grantTable(table, slaSweeper.fn, envName, ['get', 'query', 'put']);
    slaSweeper.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [agencyQueues]));
    slaSweeper.fn.configureAsyncInvoke(onScheduleFailure);
    new Rule(this, 'SlaSweepSchedule', {
      description: 'Escalate overdue requests every fifteen minutes',
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(slaSweeper.fn)],
    });

    const stats = fn('Stats', {
      name: 'stats',
      description: 'Public transparency statistics per province',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.servedProvinces]: props.servedProvinces.join(','),
      },
    });
    grantTable(table, stats.fn, envName, ['query']);

    // The statistics counters follow the table's stream: each batch of record changes, summed per
    // province and service, is one counter update each, so no transition pays a second write.
    const statsCounter = fn('StatsCounter', {
      name: 'stats-counter',
      description: "Moves the statistics counters from the requests table's stream, per batch",
      environment: { [ENV.tableName]: table.tableName, [ENV.statsRetryQueueUrl]: statsRetry.queue.queueUrl },
      timeout: STATS_COUNTER_TIMEOUT,
      memorySize: 256,
    });
    grantTable(table, statsCounter.fn, envName, ['update']);
    statsRetry.queue.grantSendMessages(statsCounter.fn);
    const statsStreamFailures = this.followTableStream(table, statsCounter.fn, 'StatsStreamFailures');

    // Open311's servicerequestupdates reads each province's change log, which follows the stream
    // too: one item per province and minute of changes per batch, instead of an index entry per
    // request that each public status change would move (a delete and a put, two write units).
    const open311Changes = fn('Open311Changes', {
      name: 'open311-changes',
      description:
        "Writes each province's public change log (Open311 updates) from the requests table's stream",
      environment: { [ENV.tableName]: table.tableName },
      timeout: STATS_COUNTER_TIMEOUT,
      memorySize: 256,
    });
    // Its own items only: it never writes a request.
    grantTable(table, open311Changes.fn, envName, ['put'], KEY_PREFIX.publicChanges);
    const open311ChangesFailures = this.followTableStream(table, open311Changes.fn, 'Open311ChangesFailures');

    const statsRetryConsumer = fn('StatsRetryConsumer', {
      name: 'stats-retry',
      description: 'Applies statistics counter updates that failed',
      environment: { [ENV.tableName]: table.tableName },
      timeout: STATS_RETRY_TIMEOUT,
      memorySize: 256,
    });
    grantTable(table, statsRetryConsumer.fn, envName, ['update']);
    statsRetryConsumer.fn.addEventSource(
      new SqsEventSource(statsRetry.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );

    const open311 = fn('Open311', {
      name: 'open311',
      description: 'Open311 GeoReport v2 facade',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        ...queueEnv,
        ...billingEnv,
        ...citizenIdEnv,
      },
      dataFiles: [SUBDISTRICTS_FILE],
    });
    sealCitizenIds(open311);
    grantTable(table, open311.fn, envName, ['get', 'query', 'put']);
    readHashKey(open311);
    // New requests go to intake; a comment posted through servicerequestupdates to the agency's inbox.
    open311.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues, agencyQueues]));

    // Payments (DESIGN.md §10): the banks' signed callbacks, officers' bill lists, and the
    // reconciler that asks the banks about callbacks that never came.
    const { bankSettings } = props.stateful;
    const readBankSettings = (f: ServiceFunction) => {
      f.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [bankSettings.secretArn],
        }),
      );
      props.stateful.dataKey.grantDecrypt(f.fn);
      allowCitizenData(f.fn.role, envName);
    };
    const paymentsEnv = {
      [ENV.tableName]: table.tableName,
      [ENV.bankSecretId]: bankSettings.secretArn,
      ...queueEnv,
      ...billingEnv,
    };
    const payments = fn('Payments', {
      name: 'payments',
      description: 'Bank bill-payment callbacks (signed) and agencies’ unpaid and flagged bills',
      environment: paymentsEnv,
    });
    grantTable(table, payments.fn, envName, ['get', 'put', 'update', 'query']);
    readBankSettings(payments);
    payments.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues]));

    const paymentReconciler = fn('PaymentReconciler', {
      name: 'payment-reconciler',
      description: 'Asks the banks about unpaid bills (lost callbacks) and expires bills',
      environment: paymentsEnv,
      timeout: Duration.minutes(5),
    });
    grantTable(table, paymentReconciler.fn, envName, ['get', 'put', 'update', 'query']);
    readBankSettings(paymentReconciler);
    paymentReconciler.fn.addToRolePolicy(sqs(['sqs:SendMessage'], [intakeQueues]));
    paymentReconciler.fn.configureAsyncInvoke(onScheduleFailure);
    new Rule(this, 'PaymentReconcileSchedule', {
      description: 'Ask the banks about unpaid bills every fifteen minutes',
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(paymentReconciler.fn)],
    });

    this.api = new OssApi(this, 'Http', { agencyUsers });
    // Open311 GeoReport v2 (and mySociety's servicerequestupdates) behind one greedy route: the
    // facade answers every path and method under /open311/v2 itself, in the format the path asks
    // for (a gateway 404/405 would be JSON to an XML client).
    this.api.route('ANY', '/open311/v2/{proxy+}', open311.fn);
    this.api.route('GET', '/v1/stats', stats.fn);
    // Public at the gateway: the function reads nothing before the bank's signature checks out.
    this.api.route('POST', '/v1/payments/bank-callback', payments.fn);
    this.api.route('GET', '/v1/agencies/{agencyId}/bills', payments.fn, { agencyAuth: true });
    this.api.route('POST', '/v1/requests/{id}/bills/{billId}/reissue', citizenActions.fn);
    this.api.route('GET', '/health', catalog.fn);
    this.api.route('GET', '/openapi.json', catalog.fn);
    this.api.route('GET', '/v1/provinces', catalog.fn);
    this.api.route('GET', '/v1/provinces/{code}/districts', catalog.fn);
    this.api.route('GET', '/v1/districts/{code}/subdistricts', catalog.fn);
    this.api.route('GET', '/v1/services', catalog.fn);
    this.api.route('GET', '/v1/services/{code}', catalog.fn);
    // No gateway model here: the contract's MALFORMED_JSON and per-field `issues` come from the function.
    this.api.route('POST', '/v1/requests', intake.fn);
    // Counter staff file for walk-in citizens: an officer token (and the counter group, checked by the function).
    this.api.route('POST', '/v1/counter/requests', intake.fn, { agencyAuth: true });
    this.api.route('GET', '/v1/requests/{id}', requestStatus.fn);
    this.api.route('GET', '/v1/auth/thaid/login', citizenAuth.fn);
    this.api.route('GET', '/v1/auth/thaid/callback', citizenAuth.fn);
    this.api.route('POST', '/v1/auth/logout', citizenAuth.fn);
    this.api.route('GET', '/v1/me', citizenAuth.fn);
    this.api.route('GET', '/v1/me/requests', citizenAuth.fn);
    this.api.route('POST', '/v1/requests/{id}/documents', documents.fn, { bodySchema: StartUploadBody });
    this.api.route('POST', '/v1/requests/{id}/cancel', citizenActions.fn);
    this.api.route('POST', '/v1/requests/{id}/rating', citizenActions.fn, { bodySchema: RatingBody });
    this.api.route('POST', '/v1/requests/{id}/reply', citizenActions.fn, { bodySchema: ReplyBody });
    this.api.route('GET', '/v1/agencies/{agencyId}/inbox', agencyInbox.fn, { agencyAuth: true });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests', agencyInbox.fn, { agencyAuth: true });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests/{id}', agencyInbox.fn, { agencyAuth: true });
    this.api.route('POST', '/v1/agencies/{agencyId}/requests/{id}/actions', agencyActions.fn, {
      agencyAuth: true,
      bodySchema: AgencyActionBody,
    });
    this.api.route('POST', '/v1/agencies/{agencyId}/requests/{id}/reveal', agencyActions.fn, {
      agencyAuth: true,
    });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests/{id}/documents/{documentId}', agencyActions.fn, {
      agencyAuth: true,
    });

    new ApiFirewall(this, 'Firewall', { stageArn: this.api.api.deploymentStage.stageArn, envName });

    const alarms = new Alarms(this, 'Alarms', props.stateful.alerts);
    const http = new Set([
      'catalog',
      'intake',
      'request-status',
      'citizen-actions',
      'documents',
      'agency-inbox',
      'agency-actions',
      'stats',
      'open311',
      'payments',
    ]);
    const countersWriters = new Set(['stats-counter']);
    for (const [name, f] of this.functions) {
      alarms.functionHealth(name, f.fn);
      if (http.has(name)) alarms.http5xx(name, name);
      if (countersWriters.has(name)) alarms.statsLost(name, name);
    }
    alarms.metric(
      'Api5xx',
      this.api.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
      'The API answered 5xx errors.',
    );
    alarms.tableThrottles('RequestsTable', table);
    alarms.deadLetters('DocumentEvents', documentEvents.dlq, 'document verification');
    alarms.queueAge(
      'DocumentEvents',
      documentEvents.queue,
      Duration.minutes(15),
      'the document verification queue',
    );
    alarms.deadLetters('StatsRetry', statsRetry.dlq, 'statistics retries');
    alarms.metric(
      'StatsStreamFailures',
      statsStreamFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
      "Statistics counters skipped a batch of the requests table's stream after its retries: see the StatsStreamFailures queue (docs/deploy.md).",
    );
    alarms.metric(
      'StatsCounterLag',
      statsCounter.fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      10 * 60_000,
      "The statistics counters are more than ten minutes behind the requests table's stream.",
    );
    alarms.metric(
      'Open311ChangesFailures',
      open311ChangesFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
      "Open311's change log skipped a batch of the requests table's stream after its retries: see the Open311ChangesFailures queue (docs/deploy.md).",
    );
    alarms.metric(
      'Open311ChangesLag',
      open311Changes.fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      10 * 60_000,
      "Open311's change log is more than ten minutes behind the requests table's stream.",
    );
    alarms.metric(
      'ScheduledFailures',
      scheduledFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
      'A scheduled function (reconciler, SLA sweeper) failed after its retries: see the ScheduledFailures queue.',
    );
    alarms.appMetric(
      'Payments',
      'payments',
      'PaymentsFlagged',
      1,
      'A bank payment was not applied (wrong amount or reference, duplicate, or for a closed request): an officer must review it (GET /v1/agencies/{id}/bills?state=flagged; docs/payments.md).',
    );
    alarms.appMetric(
      'PaymentReconcilerFlags',
      'payment-reconciler',
      'PaymentsFlagged',
      1,
      'A payment found by bank inquiry was not applied: an officer must review it (docs/payments.md).',
    );
    alarms.appMetric(
      'BankCallbacks',
      'payments',
      'BankCallbacksRejected',
      5,
      'Bank callbacks with bad signatures or stale timestamps: a misconfigured bank secret, or someone forging payments.',
    );
    alarms.appMetric(
      'Reconciler',
      'reconciler',
      'RoutingGaveUp',
      1,
      'A request could not be routed after repeated re-sends: it is flagged and waits in the intake DLQ (docs/deploy.md: Dead-letter queues).',
    );
  }

  /**
   * `consumer` follows the requests table's stream in batches of request records, from the
   * mapping's creation on (what was written before was handled when written, by the previous
   * release on an upgrade). Returns the queue where a batch that still fails after its retries
   * leaves its position (the records stay in the stream for a day).
   */
  private followTableStream(table: Table, consumer: IFunction, failuresId: string): Queue {
    const failures = new Queue(this, failuresId, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    consumer.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        // Up to 500 records or ten seconds, whichever comes first: a few seconds behind, one
        // invocation and a handful of writes for hundreds of transitions.
        batchSize: 500,
        maxBatchingWindow: Duration.seconds(10),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(failures),
        // Only request records: the consumers' own writes (counters, the change log) never wake them.
        filters: [
          FilterCriteria.filter({
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(KEY_PREFIX.request) } } },
          }),
        ],
      }),
    );
    return failures;
  }
}
