import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { OssApi } from '../constructs/api.ts';
import { ServiceFunction } from '../constructs/service-function.ts';

export interface ApiStackProps extends StackProps {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly hashKey: ISecret;
}

/** The HTTP API and the functions behind it: stateless, safe to redeploy at any time. */
export class ApiStack extends Stack {
  readonly api: OssApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, hashKey } = props;
    const dataEnv = { [ENV.tableName]: table.tableName, [ENV.hashKeySecretId]: hashKey.secretArn };

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

    this.api = new OssApi(this, 'Http');
    this.api.route('GET', '/health', catalog.fn);
    this.api.route('GET', '/v1/provinces', catalog.fn);
    this.api.route('GET', '/v1/services', catalog.fn);
    this.api.route('GET', '/v1/services/{code}', catalog.fn);
    this.api.route('POST', '/v1/requests', intake.fn);
    this.api.route('GET', '/v1/requests/{id}', requestStatus.fn);
  }
}
