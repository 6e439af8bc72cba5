import { Stack } from 'aws-cdk-lib';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** The API stage to protect: `arn:…:apigateway:<region>::/restapis/<id>/stages/<stage>`. */
  readonly stageArn: string;
  /** Requests per five minutes allowed from one IP address before it is blocked. */
  readonly ratePerIp?: number;
}

/**
 * A regional WAF web ACL in front of the API: a per-IP rate limit, AWS's IP reputation list
 * and known-bad-inputs rules. (The common rule set is left out: its 8 KB body limit would block
 * legitimate submissions, which the functions already bound at 32 KB.)
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${Stack.of(this).stackName}-${name}`.replace(/[^A-Za-z0-9-]/g, ''),
    });
    const managed = (priority: number, name: string) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: metric(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('oss-api'),
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.ratePerIp ?? 1000, aggregateKeyType: 'IP' } },
          visibilityConfig: metric('rate-per-ip'),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
