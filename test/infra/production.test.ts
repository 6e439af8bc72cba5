import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { agencies } from '../../shared/data/agencies.ts';
import { synthStage } from '../support/synth.ts';

const { stage, api, stateful } = synthStage();
const province20 = Template.fromStack(
  stage.provinces.find((p) => p.stackName.endsWith('Province20')) ?? stage.provinces[0]!,
);
const agencies20 = agencies.filter((a) => a.provinceCode === '20');

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
function statementsOf(template: Template, rolePathPart: string): Statement[] {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
    id.includes(rolePathPart),
  );
  return policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement[]) => s.flatMap((x) => [x.Action].flat()).sort();

describe('security', () => {
  it('associates a WAF web ACL with a per-IP rate rule to the API stage', () => {
    const acl = Object.values(api.findResources('AWS::WAFv2::WebACL'))[0];
    expect(acl?.Properties.Scope).toBe('REGIONAL');
    expect(acl?.Properties.Rules[0].Statement.RateBasedStatement).toEqual({
      Limit: 1000,
      AggregateKeyType: 'IP',
    });
    api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('uses a Cognito user pool without self sign-up, with MFA, for agency staff', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('encrypts and enforces TLS on every queue', () => {
    const queues = Object.values(province20.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBe(2 + 2 * agencies20.length);
    for (const q of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(province20.findResources('AWS::SQS::QueuePolicy'));
    expect(policies.length).toBe(queues.length);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    }
  });

  it('gives each function only the actions it needs', () => {
    expect(actionsOf(statementsOf(api, 'RequestStatus'))).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents']),
    );
    expect(actionsOf(statementsOf(api, 'RequestStatus'))).not.toContain('dynamodb:PutItem');
    expect(
      actionsOf(statementsOf(api, 'Catalog')).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:')),
    ).toEqual([]);
    const intake = actionsOf(statementsOf(api, 'Intake'));
    expect(intake).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']),
    );
    expect(intake).not.toContain('sqs:ReceiveMessage');
    const router = statementsOf(province20, 'Router');
    const send = router.find(
      (s) => [s.Action].flat().includes('sqs:SendMessage') && Array.isArray(s.Resource),
    );
    expect(send?.Resource as unknown[]).toHaveLength(agencies20.length);
    // No wildcard actions anywhere except the S3 action families CDK's grants use (acknowledged in infra/nag.ts).
    for (const t of [api, province20, stateful]) {
      const all = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) =>
        (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => [s.Action].flat()),
      );
      const wild = all.filter((a) => a.includes('*'));
      expect(
        wild.every((a) => /^s3:(GetObject|GetBucket|List|Abort|DeleteObject|PutObject)\*$/.test(a)),
        wild.join(),
      ).toBe(true);
    }
  });

  it('lets each agency poller role receive and delete on its own queue only', () => {
    const roles = Object.keys(province20.findResources('AWS::IAM::Role')).filter((id) =>
      id.includes('PollerRole'),
    );
    expect(roles).toHaveLength(agencies20.length);
    const pollerPolicies = Object.entries(province20.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.includes('PollerRole'),
    );
    for (const [, p] of pollerPolicies) {
      const [s] = p.Properties.PolicyDocument.Statement as Statement[];
      expect(s?.Action).toEqual([
        'sqs:ReceiveMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueUrl',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ]);
      expect(s?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringContaining('Queue'), 'Arn'] });
    }
  });
});

describe('observability', () => {
  it('alarms on every dead-letter queue, queue age, function errors and throttles, and API 5xx', () => {
    const alarms = Object.values(province20.findResources('AWS::CloudWatch::Alarm'));
    const dlqAlarms = alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(1 + agencies20.length);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')).toHaveLength(1);
    expect(alarms.filter((a) => ['Errors', 'Throttles'].includes(a.Properties.MetricName))).toHaveLength(2);
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
    const apiAlarms = Object.values(api.findResources('AWS::CloudWatch::Alarm'));
    expect(apiAlarms.filter((a) => a.Properties.MetricName === '5XXError')).toHaveLength(1);
    expect(apiAlarms.filter((a) => a.Properties.MetricName === 'Errors').length).toBeGreaterThanOrEqual(9);
  });

  it('has a dashboard per province and tags province resources', () => {
    for (const p of stage.provinces) {
      Template.fromStack(p).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      expect(p.tags.tagValues()['oss:province']).toBe(p.stackName.slice(-2));
    }
    expect(stage.provinces).toHaveLength(5);
  });

  it('keeps stateful resources retained and protected', () => {
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    stateful.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });
});
