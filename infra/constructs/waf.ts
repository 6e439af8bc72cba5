import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { managedRuleGroup, ratePerAddressOutsideAgencies } from './waf-rules.ts';

export interface ApiFirewallProps {
  /** The API stage to protect: `arn:…:apigateway:<region>::/restapis/<id>/stages/<stage>`. */
  readonly stageArn: string;
  readonly envName: string;
  /** Requests per five minutes allowed from one IP address on public routes before it is blocked. */
  readonly ratePerIp?: number;
}

/**
 * A regional WAF web ACL in front of the API:
 * - a per-IP rate limit on public routes only (agency routes are authenticated and many officers
 *   of one office share an address);
 * - AWS's IP reputation list, known bad inputs, the common rule set (its 8 KB body-size rule in
 *   count mode: submissions with long descriptions are legitimate, the functions bound bodies at
 *   64 KB) and the SQL-injection rule set;
 * - logging to CloudWatch Logs (`aws-waf-logs-…`), with authorization headers and cookies redacted.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${stack.stackName}-${name}`.replace(/[^A-Za-z0-9-]/g, ''),
    });
    const managed = (priority: number, name: string, countRules: readonly string[] = []) =>
      managedRuleGroup(priority, name, metric(name), countRules);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('oss-api'),
      rules: [
        ratePerAddressOutsideAgencies(
          0,
          'rate-per-ip-public',
          props.ratePerIp ?? 1000,
          metric('rate-per-ip-public'),
        ),
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(3, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(4, 'AWSManagedRulesSQLiRuleSet'),
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // WAF requires this name prefix for a log group destination.
    const logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-oss-${props.envName}-${stack.stackName}`.slice(0, 512),
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
    });
  }
}
