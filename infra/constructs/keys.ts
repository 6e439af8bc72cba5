import { Aws, Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The role tag that the citizen-data key's policy reads: only roles carrying it may use the key. */
export const CITIZEN_DATA_TAG = 'oss:citizen-data';

/** Key administration (never use) for the account's administrators and CloudFormation. */
const administration = () =>
  new PolicyStatement({
    sid: 'KeyAdministration',
    principals: [new AccountRootPrincipal()],
    actions: [
      'kms:Create*',
      'kms:Describe*',
      'kms:Enable*',
      'kms:List*',
      'kms:Put*',
      'kms:Update*',
      'kms:Revoke*',
      'kms:Disable*',
      'kms:Get*',
      'kms:Delete*',
      'kms:TagResource',
      'kms:UntagResource',
      'kms:ScheduleKeyDeletion',
      'kms:CancelKeyDeletion',
    ],
    resources: ['*'],
  });

/**
 * The customer-managed key of the citizen record: the requests table, the documents bucket, the
 * hash-key and bank secrets, and the data keys that seal full citizen IDs. Its policy lets a principal of this account use it only through those
 * services and only when the principal is a role tagged `oss:citizen-data=<env>` (see
 * `allowCitizenData`), so a new role gets nothing by an IAM policy alone. Retained with the data
 * it protects: deleting it would make the table, the bucket and the hash key unreadable.
 */
export class CitizenDataKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { readonly envName: string }) {
    super(scope, id);
    const usage = new PolicyStatement({
      sid: 'UseThroughDataServicesByTaggedRoles',
      principals: [new AccountRootPrincipal()],
      actions: [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
        'kms:CreateGrant',
      ],
      resources: ['*'],
      conditions: {
        StringEquals: { [`aws:PrincipalTag/${CITIZEN_DATA_TAG}`]: props.envName },
        'ForAnyValue:StringEquals': {
          'kms:ViaService': ['dynamodb', 's3', 'secretsmanager'].map(
            (s) => `${s}.${Aws.REGION}.amazonaws.com`,
          ),
        },
      },
    });
    // Full citizen IDs are sealed with data keys drawn directly (envelope encryption, see
    // shared/adapters/citizen-id-vault.ts): allowed only with that purpose as encryption context.
    const sealing = new PolicyStatement({
      sid: 'SealCitizenIdsByTaggedRoles',
      principals: [new AccountRootPrincipal()],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: {
          [`aws:PrincipalTag/${CITIZEN_DATA_TAG}`]: props.envName,
          'kms:EncryptionContext:purpose': 'citizen-id',
        },
      },
    });
    this.key = new Key(this, 'Key', {
      description: `OSS ${props.envName}: citizen records, documents and the hash key`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({ statements: [administration(), usage, sealing] }),
    });
  }
}

/** Marks a role as one the citizen-data key's policy admits (its grants still decide what it may do). */
export function allowCitizenData(role: IRole | undefined, envName: string): void {
  if (role) Tags.of(role).add(CITIZEN_DATA_TAG, envName);
}

/**
 * The alarms topic's key. `alias/aws/sns` cannot be used: CloudWatch may not use an AWS-managed
 * key, so alarms would never be delivered. This key lets CloudWatch (for this account's alarms
 * only) encrypt messages to the topic.
 */
export class AlertsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'OSS alarms topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          administration(),
          new PolicyStatement({
            sid: 'SnsPublishersInThisAccount',
            principals: [new AccountRootPrincipal()],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:ViaService': `sns.${Aws.REGION}.amazonaws.com` } },
          }),
          new PolicyStatement({
            sid: 'CloudWatchAlarms',
            principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          }),
        ],
      }),
    });
  }
}
