import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { DOCUMENT_PREFIXES } from '../../shared/schemas/table.ts';
import type { EnvironmentSettings } from '../config.ts';
import { AgencyUserPool } from '../constructs/agency-user-pool.ts';
import { AlertsTopic } from '../constructs/alerts-topic.ts';
import { DocumentsBucket } from '../constructs/documents-bucket.ts';
import { CitizenDataKey } from '../constructs/keys.ts';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import { RequestsTable } from '../constructs/requests-table.ts';

/** Lambda timeout of the document verifier, which consumes `documentEvents`. */
export const DOCUMENT_VERIFIER_TIMEOUT = Duration.seconds(30);
/** Lambda timeout of the statistics counter (the requests table's stream consumer). */
export const STATS_COUNTER_TIMEOUT = Duration.seconds(30);
/** Lambda timeout of the statistics retry consumer. */
export const STATS_RETRY_TIMEOUT = Duration.seconds(10);

export interface StatefulStackProps extends StackProps {
  readonly envName: string;
  readonly settings: EnvironmentSettings;
}

/** Everything that holds data and must outlive any redeploy: table, bucket, hashing key and their key. */
export class StatefulStack extends Stack {
  /** Encrypts the table, the bucket and the hash-key secret; retained with them. */
  readonly dataKey: Key;
  readonly table: Table;
  readonly bucket: Bucket;
  /** Key for the keyed hashes of citizen IDs and for deriving access tokens. */
  readonly hashKey: Secret;
  /**
   * Upload notifications for the document verifier. A queue (not a direct Lambda target) keeps
   * this stack free of references to the stateless one, and gives retries and a DLQ.
   */
  readonly documentEvents: QueueWithDlq;
  /** Agency staff accounts; each carries the `custom:agency_id` its tokens assert. */
  readonly agencyUsers: UserPool;
  readonly officerClient: UserPoolClient;
  /** Counter updates that failed (the stream consumer's), for the stats-retry consumer. */
  readonly statsRetry: QueueWithDlq;
  /**
   * The ThaiD relying party's registration with DOPA: `{issuer, clientId, clientSecret,
   * redirectUri}`. Created with a placeholder; operators put the values DOPA issues (docs/deploy.md).
   */
  readonly thaidClient: Secret;
  /** Every alarm notifies this topic. */
  readonly alerts: Topic;
  /**
   * Each bank's settings (DESIGN.md §10): `{"<bankId>": {"secret", "inquiryUrl"}}`, the shared
   * secret its callbacks are signed with and the endpoint the reconciler asks. Created empty;
   * operators add a bank when its agreement is signed (docs/deploy.md).
   */
  readonly bankSettings: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.dataKey = new CitizenDataKey(this, 'DataKey', { envName: props.envName }).key;
    this.table = new RequestsTable(this, 'Requests', { encryptionKey: this.dataKey }).table;
    this.bucket = new DocumentsBucket(this, 'Documents', { encryptionKey: this.dataKey }).bucket;
    this.documentEvents = new QueueWithDlq(this, 'DocumentEvents', {
      consumerTimeout: DOCUMENT_VERIFIER_TIMEOUT,
    });
    this.bucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new SqsDestination(this.documentEvents.queue),
      {
        prefix: DOCUMENT_PREFIXES.uploads,
      },
    );
    this.statsRetry = new QueueWithDlq(this, 'StatsRetry', { consumerTimeout: STATS_RETRY_TIMEOUT });
    const users = new AgencyUserPool(this, 'AgencyUsers', {
      ...(props.settings.cognitoEmail && { email: props.settings.cognitoEmail }),
    });
    this.agencyUsers = users.userPool;
    this.officerClient = users.officerClient;
    this.alerts = new AlertsTopic(this, 'Alerts').topic;
    // Losing this secret orphans every citizen-ID hash and breaks idempotent replays: it is
    // retained with the table (and its key with it); docs/deploy.md says how to back it up.
    this.hashKey = new Secret(this, 'HashKey', {
      description: 'OSS keyed-hash key for citizen IDs and access tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.thaidClient = new Secret(this, 'ThaidClient', {
      description: 'OSS ThaiD relying party: issuer, clientId, clientSecret, redirectUri (from DOPA)',
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({
          issuer: 'https://imauth.bora.dopa.go.th',
          clientId: 'set-after-dopa-registration',
          redirectUri: 'https://<site>/v1/auth/thaid/callback',
        }),
        generateStringKey: 'clientSecret',
        excludePunctuation: true,
      },
    });

    this.bankSettings = new Secret(this, 'BankSettings', {
      description:
        'OSS banks: {"<bankId>": {"secret", "inquiryUrl"}} for bill-payment callbacks and inquiries',
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
      // A placeholder entry (not an object, so no bank): nothing is accepted until a bank is added.
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'unconfigured',
        excludePunctuation: true,
      },
    });

    // What the deploy guide and `oss api-key issue` / officer onboarding need.
    new CfnOutput(this, 'RequestsTableName', { value: this.table.tableName, description: 'Requests table' });
    new CfnOutput(this, 'DocumentsBucketName', {
      value: this.bucket.bucketName,
      description: 'Documents bucket',
    });
    new CfnOutput(this, 'AgencyUserPoolId', {
      value: this.agencyUsers.userPoolId,
      description: 'Officer user pool',
    });
    new CfnOutput(this, 'OfficerClientId', {
      value: this.officerClient.userPoolClientId,
      description: 'Officer app client',
    });
    new CfnOutput(this, 'HashKeySecretArn', {
      value: this.hashKey.secretArn,
      description: 'Hash-key secret (back it up)',
    });
    new CfnOutput(this, 'ThaidClientSecretArn', {
      value: this.thaidClient.secretArn,
      description: 'Put DOPA’s ThaiD registration here',
    });
    new CfnOutput(this, 'BankSettingsSecretArn', {
      value: this.bankSettings.secretArn,
      description: 'Add each bank’s callback secret and inquiry URL here',
    });
    new CfnOutput(this, 'AlertsTopicArn', {
      value: this.alerts.topicArn,
      description: 'Subscribe operators here',
    });
  }
}
