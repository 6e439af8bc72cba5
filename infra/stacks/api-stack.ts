import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { OssApi } from '../constructs/api.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { DOCUMENT_VERIFIER_TIMEOUT } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly hashKey: ISecret;
  readonly documentEvents: Queue;
}

/** The HTTP API and the functions behind it: stateless, safe to redeploy at any time. */
export class ApiStack extends Stack {
  readonly api: OssApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, bucket, hashKey } = props;
    const dataEnv = { [ENV.tableName]: table.tableName, [ENV.hashKeySecretId]: hashKey.secretArn };
    const documentsEnv = { [ENV.tableName]: table.tableName, [ENV.bucketName]: bucket.bucketName };

    const catalog = new ServiceFunction(this, 'Catalog', {
      name: 'catalog',
      description: 'Health, provinces and the service catalogue',
      memorySize: 256,
    });
    const intake = new ServiceFunction(this, 'Intake', {
      name: 'intake',
      description: 'Files a citizen request',
      environment: dataEnv,
    });
    table.grantWriteData(intake.fn);
    table.grantReadData(intake.fn);
    hashKey.grantRead(intake.fn);

    const requestStatus = new ServiceFunction(this, 'RequestStatus', {
      name: 'request-status',
      description: "Reads a request's status for its citizen",
      environment: dataEnv,
    });
    table.grantReadData(requestStatus.fn);
    hashKey.grantRead(requestStatus.fn);

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
    verifier.fn.addEventSource(
      new SqsEventSource(props.documentEvents, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    this.api = new OssApi(this, 'Http');
    this.api.route('GET', '/health', catalog.fn);
    this.api.route('GET', '/v1/provinces', catalog.fn);
    this.api.route('GET', '/v1/services', catalog.fn);
    this.api.route('GET', '/v1/services/{code}', catalog.fn);
    this.api.route('POST', '/v1/requests', intake.fn);
    this.api.route('GET', '/v1/requests/{id}', requestStatus.fn);
    this.api.route('POST', '/v1/requests/{id}/documents', documents.fn);
  }
}
