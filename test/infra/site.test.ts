import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStage } from '../support/synth.ts';

/** Issue #15, deployment: the site behind CloudFront with the API on the same origin. */
const { stage } = synthStage({ provinces: '20' });
const site = Template.fromStack(stage.site);
const edge = Template.fromStack(stage.edge);

describe('the web front door in AWS', () => {
  it('keeps the site bucket private and reads it through origin access control', () => {
    site.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site-bucket/' }),
    });
    site.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    site.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('forwards the API paths to API Gateway uncached, with cookies and without the viewer Host', () => {
    const dist = Object.values(site.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: Record<string, unknown> };
    };
    const config = dist.Properties.DistributionConfig as {
      CacheBehaviors: {
        PathPattern: string;
        CachePolicyId: string;
        OriginRequestPolicyId?: string;
        AllowedMethods: string[];
      }[];
      WebACLId: unknown;
      Logging: unknown;
      DefaultRootObject: string;
    };
    const byPath = Object.fromEntries(config.CacheBehaviors.map((b) => [b.PathPattern, b]));
    for (const p of ['/v1/*', '/open311/*', '/health', '/openapi.json']) {
      // Managed policies: CachingDisabled and AllViewerExceptHostHeader.
      expect(byPath[p]?.CachePolicyId, p).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(byPath[p]?.OriginRequestPolicyId, p).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
      expect(byPath[p]?.AllowedMethods).toContain('POST');
    }
    // Hashed assets: CachingOptimized.
    expect(byPath['/assets/*']?.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
    expect(config.WebACLId).toBeDefined();
    expect(config.Logging).toBeDefined();
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('sends a CSP with no inline script, HSTS, no framing and a referrer policy on every response', () => {
    const policy = Object.values(site.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as {
      Properties: {
        ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, Record<string, unknown>> };
      };
    };
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(h.ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
    });
    expect(h.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(h.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
  });

  it('publishes assets as immutable and pages as revalidated, with the console told to use Cognito', () => {
    const deployments = Object.values(site.findResources('Custom::CDKBucketDeployment')) as {
      Properties: { SystemMetadata?: Record<string, string>; Exclude?: string[]; Include?: string[] };
    }[];
    const cache = deployments.map((d) => d.Properties.SystemMetadata?.['cache-control']).sort();
    expect(cache).toEqual(['no-cache', 'public, max-age=31536000, immutable']);
    // The pages' deployment carries /config.json with the region and the officer client's id.
    expect(
      JSON.stringify(deployments.map((d) => (d.Properties as { SourceMarkers?: unknown }).SourceMarkers)),
    ).toContain('OfficerClient');
  });

  it('puts the web ACL and the 404 function in us-east-1, where CloudFront takes them from', () => {
    expect(stage.edge.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    // Pages' API calls come through here with the citizen's address: long filings are not blocked
    // by the 8 KB body rule, and officers' routes are outside the per-address limit.
    const acl = JSON.stringify(edge.findResources('AWS::WAFv2::WebACL'));
    expect(acl).toContain('"SizeRestrictions_BODY"');
    expect(acl).toContain('"/v1/agencies/"');
    edge.hasResourceProperties('AWS::Lambda::Function', { Runtime: Match.stringLikeRegexp('^nodejs') });
  });
});
