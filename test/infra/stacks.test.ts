import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseProvinceList } from '../../infra/config.ts';
import { synthStage } from '../support/synth.ts';

const { stage, stateful, api } = synthStage();

describe('stateful stack', () => {
  it('keeps the requests table under a fixed logical ID with pk/sk keys and its indexes', () => {
    const tables = stateful.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toEqual(['RequestsTable']);
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // Open311's change log expires on its own (the requests never carry the attribute).
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'byAgencyStage',
            Projection: Match.objectLike({ ProjectionType: 'INCLUDE' }),
          }),
          Match.objectLike({ IndexName: 'openByDeadline', Projection: { ProjectionType: 'KEYS_ONLY' } }),
          Match.objectLike({ IndexName: 'byProvinceStatus' }),
          Match.objectLike({
            IndexName: 'byCitizen',
            Projection: Match.objectLike({ ProjectionType: 'INCLUDE' }),
          }),
          // Keys only and written once per request: Open311's listing by filing date.
          Match.objectLike({ IndexName: 'byProvinceCreated', Projection: { ProjectionType: 'KEYS_ONLY' } }),
          Match.objectLike({ IndexName: 'paymentReview', Projection: { ProjectionType: 'ALL' } }),
        ],
      }),
    });
  });

  it('keeps the documents bucket private, encrypted, versioned and TLS-only', () => {
    expect(Object.keys(stateful.findResources('AWS::S3::Bucket')).sort()).toEqual([
      'DocumentsAccessLogsBucket',
      'DocumentsBucket',
    ]);
    stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'] })] },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: 'DocumentsAccessLogsBucket' },
          LogFilePrefix: 'documents/',
        },
      }),
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('API stack', () => {
  it('runs every function on Node 24, arm64, with tracing, JSON logs and a log group with retention', () => {
    const functions = Object.values(api.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
      expect(fn.Metadata['oss:entry']).toMatch(/^functions\/[a-z0-9-]+\/handler\.ts$/);
    }
    for (const lg of Object.values(api.findResources('AWS::Logs::LogGroup'))) {
      expect(lg.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('declares the routes of DESIGN.md §4 as Lambda proxy integrations, agency routes behind Cognito', () => {
    const resources = api.findResources('AWS::ApiGateway::Resource');
    const pathOf = (id: string): string => {
      const r = resources[id];
      if (!r) return '';
      const parent = r.Properties.ParentId.Ref as string | undefined;
      return `${parent ? pathOf(parent) : ''}/${r.Properties.PathPart}`;
    };
    const methods = Object.values(api.findResources('AWS::ApiGateway::Method'));
    const routes = methods.map((m) => {
      const ref = m.Properties.ResourceId.Ref as string | undefined;
      return `${m.Properties.HttpMethod} ${ref ? pathOf(ref) : '/'}`;
    });
    expect(routes.sort()).toEqual(
      [
        'GET /health',
        'GET /openapi.json',
        'GET /v1/stats',
        'GET /v1/provinces',
        'GET /v1/provinces/{code}/districts',
        'GET /v1/districts/{code}/subdistricts',
        'GET /v1/services',
        'GET /v1/services/{code}',
        'POST /v1/requests',
        'POST /v1/counter/requests',
        'GET /v1/requests/{id}',
        'GET /v1/auth/thaid/login',
        'GET /v1/auth/thaid/callback',
        'POST /v1/auth/logout',
        'GET /v1/me',
        'GET /v1/me/requests',
        'POST /v1/requests/{id}/documents',
        'POST /v1/requests/{id}/cancel',
        'POST /v1/requests/{id}/rating',
        'POST /v1/requests/{id}/reply',
        'POST /v1/requests/{id}/bills/{billId}/reissue',
        'POST /v1/payments/bank-callback',
        'GET /v1/agencies/{agencyId}/bills',
        'GET /v1/agencies/{agencyId}/inbox',
        'GET /v1/agencies/{agencyId}/requests',
        'GET /v1/agencies/{agencyId}/requests/{id}',
        'POST /v1/agencies/{agencyId}/requests/{id}/actions',
        'POST /v1/agencies/{agencyId}/requests/{id}/reveal',
        'GET /v1/agencies/{agencyId}/requests/{id}/documents/{documentId}',
        'ANY /open311/v2/{proxy+}',
      ].sort(),
    );
    for (const m of methods) expect(m.Properties.Integration.Type).toBe('AWS_PROXY');
    const agencyMethods = methods.filter((m) => m.Properties.AuthorizationType === 'COGNITO_USER_POOLS');
    expect(agencyMethods).toHaveLength(8);
  });

  it('gives the intake function write access to the table only through grants, no wildcard actions', () => {
    const policies = Object.values(api.findResources('AWS::IAM::Policy'));
    const actions = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
    );
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions.filter((a: string) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('throttles the stage and writes access logs', () => {
    api.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 }),
      ]),
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });
});

describe('configuration', () => {
  it('defaults to the five pilot provinces and refuses unknown codes', () => {
    expect(stage.node.tryGetContext('provinces')).toBeUndefined();
    expect(parseProvinceList('20,93').map((p) => p.code)).toEqual(['20', '93']);
    expect(parseProvinceList('all')).toHaveLength(77);
    expect(() => parseProvinceList('20,00')).toThrow(/unknown province code "00"/);
    expect(() => parseProvinceList(' , ')).toThrow(/empty/);
  });
});
