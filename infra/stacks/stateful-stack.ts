import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { DOCUMENT_PREFIXES } from '../../shared/schemas/table.ts';
import { AgencyUserPool } from '../constructs/agency-user-pool.ts';
import { AlertsTopic } from '../constructs/alerts-topic.ts';
import { DocumentsBucket } from '../constructs/documents-bucket.ts';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import { RequestsTable } from '../constructs/requests-table.ts';

/** Lambda timeout of the document verifier, which consumes `documentEvents`. */
export const DOCUMENT_VERIFIER_TIMEOUT = Duration.seconds(30);

/** Everything that holds data and must outlive any redeploy: table, bucket, hashing key. */
export class StatefulStack extends Stack {
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
  /** Every alarm notifies this topic. */
  readonly alerts: Topic;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.table = new RequestsTable(this, 'Requests').table;
    this.bucket = new DocumentsBucket(this, 'Documents').bucket;
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
    this.agencyUsers = new AgencyUserPool(this, 'AgencyUsers').userPool;
    this.alerts = new AlertsTopic(this, 'Alerts').topic;
    this.hashKey = new Secret(this, 'HashKey', {
      description: 'OSS keyed-hash key for citizen IDs and access tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
  }
}
