import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { filterReport, NAG_ACKNOWLEDGEMENTS } from '../../infra/nag.ts';
import { buildOssApp } from '../../infra/oss-app.ts';

function nagReport(configure: (app: App) => void, context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  configure(app);
  return filterReport(new AwsSolutionsChecks(app).validateScope(app));
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the app (pilot provinces)', () => {
    const report = nagReport((app) => buildOssApp(app));
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('still fails on a finding nobody acknowledged', () => {
    const report = nagReport((app) => {
      new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    });
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });

  it('gives every acknowledgement a reason', () => {
    for (const a of NAG_ACKNOWLEDGEMENTS) expect(a.reason.length, String(a.rule)).toBeGreaterThan(30);
  });
});
