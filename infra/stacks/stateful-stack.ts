import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { DocumentsBucket } from '../constructs/documents-bucket.ts';
import { RequestsTable } from '../constructs/requests-table.ts';

/** Everything that holds data and must outlive any redeploy: table, bucket, hashing key. */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  /** Key for the keyed hashes of citizen IDs and for deriving access tokens. */
  readonly hashKey: Secret;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.table = new RequestsTable(this, 'Requests').table;
    this.bucket = new DocumentsBucket(this, 'Documents').bucket;
    this.hashKey = new Secret(this, 'HashKey', {
      description: 'OSS keyed-hash key for citizen IDs and access tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
  }
}
