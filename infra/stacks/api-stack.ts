import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { AgencyActionBody } from '../../functions/agency-actions/schema.ts';
import { RatingBody } from '../../functions/citizen-actions/schema.ts';
import { StartUploadBody } from '../../functions/documents/schema.ts';
import { ENV } from '../../shared/env.ts';
import { agencyQueueName, intakeQueueName } from '../../shared/queues.ts';
import { OssApi } from '../constructs/api.ts';
import { Alarms } from '../constructs/monitoring.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { ApiFirewall } from '../constructs/waf.ts';
import { DOCUMENT_VERIFIER_TIMEOUT, type StatefulStack } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly envName: string;
  readonly servedProvinces: readonly string[];
  readonly queueUrlPrefix: string;
  readonly stateful: StatefulStack;
}

/** The HTTP API and the functions behind it: stateless, safe to redeploy at any time. */
export class ApiStack extends Stack {
  readonly api: OssApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, bucket, hashKey, documentEvents, agencyUsers } = props.stateful;
    const queueEnv = {
      [ENV.envName]: props.envName,
      [ENV.queueUrlPrefix]: props.queueUrlPrefix,
      [ENV.servedProvinces]: props.servedProvinces.join(','),
    };
    const sqsArn = (name: string) => this.formatArn({ service: 'sqs', resource: name });
    // Routing queues have fixed names (see shared/queues.ts), so access is granted by name pattern.
    const sendToIntake = new PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: [sqsArn(intakeQueueName(props.envName, '*'))],
    });

    const catalog = new ServiceFunction(this, 'Catalog', {
      name: 'catalog',
      description: 'Health, provinces and the service catalogue',
      memorySize: 256,
    });

    const intake = new ServiceFunction(this, 'Intake', {
      name: 'intake',
      description: 'Files a citizen request',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        ...queueEnv,
      },
    });
    table.grantReadWriteData(intake.fn);
    hashKey.grantRead(intake.fn);
    intake.fn.addToRolePolicy(sendToIntake);

    const requestStatus = new ServiceFunction(this, 'RequestStatus', {
      name: 'request-status',
      description: "Reads a request's status for its citizen",
      environment: { [ENV.tableName]: table.tableName },
    });
    table.grantReadData(requestStatus.fn);

    const citizenActions = new ServiceFunction(this, 'CitizenActions', {
      name: 'citizen-actions',
      description: 'Cancel and rating by the citizen',
      environment: { [ENV.tableName]: table.tableName },
    });
    table.grantReadWriteData(citizenActions.fn);

    const documentsEnv = {
      [ENV.tableName]: table.tableName,
      [ENV.bucketName]: bucket.bucketName,
      ...queueEnv,
    };
    const documents = new ServiceFunction(this, 'Documents', {
      name: 'documents',
      description: 'Presigned uploads of supporting documents',
      environment: documentsEnv,
    });
    table.grantReadWriteData(documents.fn);
    // Presigning needs no S3 call, but the signature carries this role's right to put the object.
    bucket.grantPut(documents.fn, 'requests/*');

    const verifier = new ServiceFunction(this, 'DocumentVerifier', {
      name: 'document-verifier',
      description: 'Checks uploaded documents (size, magic bytes) and completes the request',
      environment: documentsEnv,
      timeout: DOCUMENT_VERIFIER_TIMEOUT,
    });
    table.grantReadWriteData(verifier.fn);
    bucket.grantRead(verifier.fn, 'requests/*');
    bucket.grantDelete(verifier.fn, 'requests/*');
    bucket.grantPut(verifier.fn, 'quarantine/*');
    verifier.fn.addToRolePolicy(sendToIntake);
    verifier.fn.addEventSource(
      new SqsEventSource(documentEvents.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    const agencyEnv = { [ENV.tableName]: table.tableName, [ENV.bucketName]: bucket.bucketName, ...queueEnv };
    const agencyQueues = sqsArn(agencyQueueName(props.envName, '*'));
    const agencyInbox = new ServiceFunction(this, 'AgencyInbox', {
      name: 'agency-inbox',
      description: "An agency's inbox (long poll of its queue) and its request lists",
      environment: agencyEnv,
      timeout: Duration.seconds(29),
    });
    table.grantReadData(agencyInbox.fn);
    agencyInbox.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        resources: [agencyQueues],
      }),
    );

    const agencyActions = new ServiceFunction(this, 'AgencyActions', {
      name: 'agency-actions',
      description: 'Agency actions on a request, and links to its verified documents',
      environment: agencyEnv,
    });
    table.grantReadWriteData(agencyActions.fn);
    bucket.grantRead(agencyActions.fn, 'requests/*');
    agencyActions.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:DeleteMessage'], resources: [agencyQueues] }),
    );

    const reconciler = new ServiceFunction(this, 'Reconciler', {
      name: 'reconciler',
      description: 'Re-sends requests stranded between the table and the queues',
      environment: { [ENV.tableName]: table.tableName, ...queueEnv },
      timeout: Duration.minutes(5),
      // The local SQS emulator keeps no messages across restarts: re-send everything waiting.
      localStartupEvent: { includeRouted: true, olderThanSeconds: 0 },
    });
    table.grantReadData(reconciler.fn);
    reconciler.fn.addToRolePolicy(sendToIntake);
    reconciler.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [agencyQueues] }),
    );
    new Rule(this, 'ReconcileSchedule', {
      description: 'Re-send stranded requests every five minutes',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [
        new LambdaFunction(reconciler.fn, { event: RuleTargetInput.fromObject({ includeRouted: false }) }),
      ],
    });

    const slaSweeper = new ServiceFunction(this, 'SlaSweeper', {
      name: 'sla-sweeper',
      description: 'Flags overdue requests and escalates a copy to the Damrongdhama centre',
      environment: { [ENV.tableName]: table.tableName, ...queueEnv },
      timeout: Duration.minutes(5),
    });
    table.grantReadWriteData(slaSweeper.fn);
    slaSweeper.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [agencyQueues] }),
    );
    new Rule(this, 'SlaSweepSchedule', {
      description: 'Escalate overdue requests every fifteen minutes',
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(slaSweeper.fn)],
    });

    const stats = new ServiceFunction(this, 'Stats', {
      name: 'stats',
      description: 'Public transparency statistics per province',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.servedProvinces]: props.servedProvinces.join(','),
      },
    });
    table.grantReadData(stats.fn);

    const open311 = new ServiceFunction(this, 'Open311', {
      name: 'open311',
      description: 'Open311 GeoReport v2 facade',
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.hashKeySecretId]: hashKey.secretArn,
        ...queueEnv,
      },
    });
    table.grantReadWriteData(open311.fn);
    hashKey.grantRead(open311.fn);
    open311.fn.addToRolePolicy(sendToIntake);

    this.api = new OssApi(this, 'Http', { agencyUsers });
    // Open311 GeoReport v2: every endpoint in .json and .xml (formats in the last path segment).
    for (const format of ['json', 'xml']) {
      this.api.route('GET', `/open311/v2/discovery.${format}`, open311.fn);
      this.api.route('GET', `/open311/v2/services.${format}`, open311.fn);
      this.api.route('GET', `/open311/v2/requests.${format}`, open311.fn);
      this.api.route('POST', `/open311/v2/requests.${format}`, open311.fn);
    }
    this.api.route('GET', '/open311/v2/services/{code}', open311.fn);
    this.api.route('GET', '/open311/v2/requests/{id}', open311.fn);
    this.api.route('GET', '/open311/v2/tokens/{token}', open311.fn);
    this.api.route('GET', '/v1/stats', stats.fn);
    this.api.route('GET', '/health', catalog.fn);
    this.api.route('GET', '/openapi.json', catalog.fn);
    this.api.route('GET', '/v1/provinces', catalog.fn);
    this.api.route('GET', '/v1/services', catalog.fn);
    this.api.route('GET', '/v1/services/{code}', catalog.fn);
    // No gateway model here: the contract's MALFORMED_JSON and per-field `issues` come from the function.
    this.api.route('POST', '/v1/requests', intake.fn);
    this.api.route('GET', '/v1/requests/{id}', requestStatus.fn);
    this.api.route('POST', '/v1/requests/{id}/documents', documents.fn, { bodySchema: StartUploadBody });
    this.api.route('POST', '/v1/requests/{id}/cancel', citizenActions.fn);
    this.api.route('POST', '/v1/requests/{id}/rating', citizenActions.fn, { bodySchema: RatingBody });
    this.api.route('GET', '/v1/agencies/{agencyId}/inbox', agencyInbox.fn, { agencyAuth: true });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests', agencyInbox.fn, { agencyAuth: true });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests/{id}', agencyInbox.fn, { agencyAuth: true });
    this.api.route('POST', '/v1/agencies/{agencyId}/requests/{id}/actions', agencyActions.fn, {
      agencyAuth: true,
      bodySchema: AgencyActionBody,
    });
    this.api.route('GET', '/v1/agencies/{agencyId}/requests/{id}/documents/{documentId}', agencyActions.fn, {
      agencyAuth: true,
    });

    new ApiFirewall(this, 'Firewall', { stageArn: this.api.api.deploymentStage.stageArn });

    const alarms = new Alarms(this, 'Alarms', props.stateful.alerts);
    const functions = {
      catalog,
      intake,
      requestStatus,
      citizenActions,
      documents,
      verifier,
      agencyInbox,
      agencyActions,
      reconciler,
    };
    for (const [name, f] of Object.entries(functions)) alarms.functionHealth(name, f.fn);
    alarms.metric(
      'Api5xx',
      this.api.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
      'The API answered 5xx errors.',
    );
    alarms.deadLetters('DocumentEvents', documentEvents.dlq, 'document verification');
    alarms.queueAge(
      'DocumentEvents',
      documentEvents.queue,
      Duration.minutes(15),
      'the document verification queue',
    );
  }
}
