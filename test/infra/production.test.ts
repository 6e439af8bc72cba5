import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { allAgencies } from '../../shared/data/agencies.ts';
import { synthStage } from '../support/synth.ts';

const { stage, api, stateful } = synthStage();
const province20 = Template.fromStack(
  stage.provinces.find((p) => p.stackName.endsWith('Province20')) ?? stage.provinces[0]!,
);
const agencies20 = allAgencies().filter((a) => a.provinceCode === '20');
const prod = synthStage({ env: 'prod' });

/** IAM's policy variable for the caller's own agency tag (a literal `${…}` in the policy). */
const CALLER_AGENCY = ['$', '{aws:PrincipalTag/agency_id}'].join('');

type Statement = {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
function statementsOf(template: Template, rolePathPart: string): Statement[] {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
    id.includes(rolePathPart),
  );
  return policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement[]) => s.flatMap((x) => [x.Action].flat()).sort();
const dynamoActions = (t: Template, role: string) => [
  ...new Set(actionsOf(statementsOf(t, role)).filter((a) => a.startsWith('dynamodb:'))),
];

describe('deployment target', () => {
  it('puts every stack in the Thailand region', () => {
    for (const s of [stage.stateful, stage.api, ...stage.provinces]) expect(s.region).toBe('ap-southeast-7');
  });
});

describe('encryption and keys', () => {
  it('encrypts the alarms topic with a customer-managed key that CloudWatch may use for this account only', () => {
    const topic = Object.values(stateful.findResources('AWS::SNS::Topic'))[0];
    expect(JSON.stringify(topic?.Properties.KmsMasterKeyId)).not.toContain('alias/aws/sns');
    const keys = Object.values(stateful.findResources('AWS::KMS::Key'));
    const cloudwatch = keys
      .flatMap((k) => k.Properties.KeyPolicy.Statement as Statement[])
      .find((s) => JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'));
    expect(cloudwatch?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(cloudwatch?.Condition?.StringEquals?.['aws:SourceAccount']).toBeDefined();
    for (const k of keys) expect(k.Properties.EnableKeyRotation).toBe(true);
  });

  it('encrypts table, bucket and hash key with one retained key usable only by tagged roles', () => {
    const keys = stateful.findResources('AWS::KMS::Key');
    const [dataKeyId, dataKey] = Object.entries(keys).find(([id]) => id.startsWith('DataKey')) ?? [];
    expect(dataKey?.DeletionPolicy).toBe('Retain');
    const keyStatements = (dataKey?.Properties.KeyPolicy.Statement ?? []) as Statement[];
    const usage = keyStatements.find((s) => s.Sid === 'UseThroughDataServicesByTaggedRoles');
    expect(usage?.Condition?.StringEquals).toEqual({ 'aws:PrincipalTag/oss:citizen-data': 'dev' });
    // Root may administer the key but not decrypt with it through IAM alone.
    const admin = keyStatements.find((s) => s.Sid === 'KeyAdministration');
    expect([admin?.Action].flat()).not.toContain('kms:Decrypt');
    const table = Object.values(stateful.findResources('AWS::DynamoDB::Table'))[0];
    expect(table?.Properties.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    const secret = Object.values(stateful.findResources('AWS::SecretsManager::Secret'))[0];
    expect(secret?.DeletionPolicy).toBe('Retain');
    expect(secret?.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    // Every function that reads citizen data carries the tag the key policy requires.
    const roles = Object.entries(api.findResources('AWS::IAM::Role')).filter(([id]) =>
      /Intake|AgencyActions/.test(id),
    );
    expect(roles.length).toBeGreaterThanOrEqual(2);
    for (const [, r] of roles) {
      expect(r.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'oss:citizen-data', Value: 'dev' }]));
    }
  });

  it('delivers access logs without ACLs', () => {
    const logs = stateful.findResources('AWS::S3::Bucket').DocumentsAccessLogsBucket;
    expect(logs?.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(logs?.Properties.AccessControl).toBeUndefined();
  });
});

describe('identity', () => {
  it('protects the officer pool and gives its client no implicit flow and no placeholder callback', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: {
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
      },
    });
    const client = Object.values(stateful.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(client?.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client?.Properties.AllowedOAuthFlows ?? []).not.toContain('implicit');
    expect(JSON.stringify(client?.Properties)).not.toContain('example.com');
    expect(client?.Properties.RefreshTokenValidity).toBeLessThanOrEqual(24 * 60);
  });

  it('sends Cognito mail through SES in production', () => {
    const pool = Object.values(prod.stateful.findResources('AWS::Cognito::UserPool'))[0];
    expect(pool?.Properties.EmailConfiguration.EmailSendingAccount).toBe('DEVELOPER');
  });

  it('outputs what the deploy guide and the CLI need', () => {
    const outputs = Object.keys(stateful.findOutputs('*'));
    for (const name of [
      'RequestsTableName',
      'AgencyUserPoolId',
      'OfficerClientId',
      'HashKeySecretArn',
      'AlertsTopicArn',
    ]) {
      expect(outputs).toContain(name);
    }
  });
});

describe('least privilege', () => {
  it('gives agency systems one ABAC poller role per province, reaching only the queue tagged with their agency', () => {
    const roles = Object.entries(province20.findResources('AWS::IAM::Role')).filter(([id]) =>
      id.includes('Poller'),
    );
    expect(roles).toHaveLength(1);
    const trust = roles[0]?.[1].Properties.AssumeRolePolicyDocument.Statement as Statement[];
    expect(trust.flatMap((s) => [s.Action].flat()).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    for (const s of trust) {
      expect(s.Condition?.StringEquals?.['aws:RequestTag/agency_id']).toBe(CALLER_AGENCY);
    }
    const [s] = statementsOf(province20, 'AgencyPoller');
    expect(s?.Condition?.StringEquals).toEqual({
      'aws:ResourceTag/oss:agency-id': CALLER_AGENCY,
      'aws:ResourceTag/oss:province': '20',
    });
    expect(JSON.stringify(s?.Resource)).toContain('oss-dev-agency-*.fifo');
    // Each agency's queue carries its tag; DLQs carry none and are named outside the pattern.
    const queues = Object.values(province20.findResources('AWS::SQS::Queue'));
    const tagged = queues.filter((q) =>
      (q.Properties.Tags ?? []).some((t: { Key: string }) => t.Key === 'oss:agency-id'),
    );
    expect(tagged).toHaveLength(agencies20.length);
    for (const q of queues) {
      const name = q.Properties.QueueName as string;
      const isDlq = name.includes('-dlq-');
      expect(/^oss-dev-agency-.*\.fifo$/.test(name) && isDlq).toBe(false);
      if (isDlq) expect(name).toMatch(/^oss-dev-dlq-/);
    }
  });

  it('gives each function only the table actions it uses: no Scan or DeleteItem, no writes for readers', () => {
    for (const t of [api, province20]) {
      const all = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) =>
        (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((x) => [x.Action].flat()),
      );
      expect(all).not.toContain('dynamodb:Scan');
      expect(all).not.toContain('dynamodb:DeleteItem');
      expect(all.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
    expect(dynamoActions(api, 'RequestStatus')).toEqual(['dynamodb:GetItem']);
    expect(dynamoActions(api, 'StatsRole')).toEqual(['dynamodb:Query']);
    // No UpdateItem: the statistics counters follow the table's stream (the stats-counter function).
    expect(dynamoActions(api, 'Intake')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(dynamoActions(api, 'AgencyActions')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    // The stream's four read actions (the event source mapping's), and the counters' UpdateItem.
    expect(dynamoActions(api, 'StatsCounter')).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:UpdateItem',
    ]);
    // Open311's change log: the stream's read actions, and PutItem for the log's items.
    expect(dynamoActions(api, 'Open311Changes')).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:PutItem',
    ]);
    // …and only on the log's own items: never a request.
    const logPut = statementsOf(api, 'Open311Changes').find((s) =>
      [s.Action].flat().includes('dynamodb:PutItem'),
    );
    expect(logPut?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CHANGES#*'] },
    });
    // Open311 reads the log and the keys-only index by filing date, and writes comments.
    expect(dynamoActions(api, 'Open311Role')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    expect(dynamoActions(api, 'AgencyInbox')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(dynamoActions(province20, 'Router')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    const router = statementsOf(province20, 'Router');
    const send = router.find(
      (s) => [s.Action].flat().includes('sqs:SendMessage') && Array.isArray(s.Resource),
    );
    expect(send?.Resource as unknown[]).toHaveLength(agencies20.length); // its agencies' queues, nothing else
  });
});

describe('edge protection', () => {
  it('uses a WAF with a rate rule scoped to public routes, common and SQLi rule sets, and logging', () => {
    const acl = Object.values(api.findResources('AWS::WAFv2::WebACL'))[0];
    const rules = acl?.Properties.Rules as Array<{ Name: string; Statement: Record<string, any> }>;
    const rate = rules.find((r) => r.Name === 'rate-per-ip-public')?.Statement.RateBasedStatement;
    expect(rate?.AggregateKeyType).toBe('IP');
    expect(JSON.stringify(rate?.ScopeDownStatement)).toContain('/v1/agencies/');
    const common = rules.find((r) => r.Name === 'AWSManagedRulesCommonRuleSet')?.Statement
      .ManagedRuleGroupStatement;
    expect(common?.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
    expect(rules.map((r) => r.Name)).toContain('AWSManagedRulesSQLiRuleSet');
    api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    api.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    const logGroups = Object.values(api.findResources('AWS::Logs::LogGroup')).map(
      (g) => g.Properties.LogGroupName,
    );
    expect(logGroups.some((n) => typeof n === 'string' && n.startsWith('aws-waf-logs-'))).toBe(true);
  });

  it('has no usage plan that no API key could ever join', () => {
    api.resourceCountIs('AWS::ApiGateway::UsagePlan', 0);
  });
});

describe('observability and limits', () => {
  it('alarms on every dead-letter queue, inbox age, function errors and throttles, 5xx answers and table throttles', () => {
    const alarms = Object.values(province20.findResources('AWS::CloudWatch::Alarm'));
    const dlqAlarms = alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(1 + agencies20.length);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')).toHaveLength(
      1 + agencies20.length,
    );
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
    const apiAlarms = Object.values(api.findResources('AWS::CloudWatch::Alarm'));
    const functions = Object.values(api.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Metadata?.['oss:entry'],
    );
    expect(apiAlarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(functions.length);
    const http5xx = apiAlarms.filter((a) => a.Properties.MetricName === 'Http5xx');
    const services = http5xx.map((a) => a.Properties.Dimensions[0].Value).sort();
    expect(services).toEqual(expect.arrayContaining(['open311', 'stats', 'intake', 'agency-actions']));
    expect(apiAlarms.filter((a) => a.Properties.MetricName === '5XXError')).toHaveLength(1);
    expect(
      apiAlarms.some((a) => JSON.stringify(a.Properties.Metrics ?? '').includes('ThrottledRequests')),
    ).toBe(true);
  });

  it('sends failed scheduled runs to a failure destination', () => {
    const configs = Object.values(api.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(configs).toHaveLength(3); // reconciler, SLA sweeper, payment reconciler
    for (const c of configs) expect(c.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
  });

  it('reserves concurrency for intake and routers, and caps the long-polling inbox, in production', () => {
    const fnByEntry = (t: Template, entry: string) =>
      Object.values(t.findResources('AWS::Lambda::Function')).find(
        (f) => f.Metadata?.['oss:entry'] === entry,
      );
    expect(fnByEntry(prod.api, 'functions/intake/handler.ts')?.Properties.ReservedConcurrentExecutions).toBe(
      100,
    );
    expect(
      fnByEntry(prod.api, 'functions/agency-inbox/handler.ts')?.Properties.ReservedConcurrentExecutions,
    ).toBe(50);
    const prodProvince = Template.fromStack(prod.stage.provinces[0]!);
    expect(
      fnByEntry(prodProvince, 'functions/router/handler.ts')?.Properties.ReservedConcurrentExecutions,
    ).toBe(5);
    expect(
      fnByEntry(api, 'functions/intake/handler.ts')?.Properties.ReservedConcurrentExecutions,
    ).toBeUndefined();
  });

  it('has a dashboard per province and tags province resources', () => {
    for (const p of stage.provinces) Template.fromStack(p).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(stage.provinces).toHaveLength(5);
  });

  it('keeps stateful resources retained and protected', () => {
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    stateful.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });
});
