import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';

/** Agency routes: officers are authenticated, and a whole counter office often sits behind one NAT address. */
export const AGENCY_PATH_PREFIX = '/v1/agencies/';

type Visibility = CfnWebACL.VisibilityConfigProperty;

/** An AWS managed rule group; the named rules inside it only count (they are known to hit real filings). */
export function managedRuleGroup(
  priority: number,
  name: string,
  visibility: Visibility,
  countRules: readonly string[] = [],
): CfnWebACL.RuleProperty {
  return {
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
    visibilityConfig: visibility,
  };
}

/** A per-address rate limit over every path but the agency routes. */
export function ratePerAddressOutsideAgencies(
  priority: number,
  name: string,
  limit: number,
  visibility: Visibility,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        aggregateKeyType: 'IP',
        scopeDownStatement: {
          notStatement: {
            statement: {
              byteMatchStatement: {
                fieldToMatch: { uriPath: {} },
                positionalConstraint: 'STARTS_WITH',
                searchString: AGENCY_PATH_PREFIX,
                textTransformations: [{ priority: 0, type: 'NONE' }],
              },
            },
          },
        },
      },
    },
    visibilityConfig: visibility,
  };
}
