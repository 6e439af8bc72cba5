import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * The web ACL in front of the site's distribution (CLOUDFRONT scope, so it lives in us-east-1),
 * which is also where pages' API calls arrive with the citizen's own address: AWS's common rule set
 * (its 8 KB body rule counting only, as on the API: filings are legitimately longer) and known bad
 * inputs, and a per-address rate limit on everything but the agency routes (officers are
 * authenticated, and a counter office sits behind one NAT).
 */
export class WebsiteFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const managed = (
      name: string,
      priority: number,
      countRules: readonly string[] = [],
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countRules.length > 0 && {
            ruleActionOverrides: countRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
          }),
        },
      },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'oss-site',
        sampledRequestsEnabled: true,
      },
      rules: [
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'RatePerAddress',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: 3000,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: '/v1/agencies/',
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'RatePerAddress',
            sampledRequestsEnabled: true,
          },
        },
      ],
    });
  }
}
