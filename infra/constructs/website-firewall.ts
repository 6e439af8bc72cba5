import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { managedRuleGroup, ratePerAddressOutsideAgencies } from './waf-rules.ts';

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
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('oss-site'),
      rules: [
        managedRuleGroup(1, 'AWSManagedRulesCommonRuleSet', visibility('AWSManagedRulesCommonRuleSet'), [
          'SizeRestrictions_BODY',
        ]),
        managedRuleGroup(
          2,
          'AWSManagedRulesKnownBadInputsRuleSet',
          visibility('AWSManagedRulesKnownBadInputsRuleSet'),
        ),
        ratePerAddressOutsideAgencies(3, 'RatePerAddress', 3000, visibility('RatePerAddress')),
      ],
    });
  }
}
