import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { filterReport } from '../../infra/nag.ts';
import { buildOssApp } from '../../infra/oss-app.ts';
import { agencies } from '../../shared/data/agencies.ts';

describe('nation-scale synth', () => {
  it('synthesizes all 77 provinces with every agency, every stack within CloudFormation limits', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], provinces: 'all' } });
    const stage = buildOssApp(app);
    const assembly = stage.synth();
    const stacks = assembly.stacks;
    const provinceStacks = stacks.filter((s) => /Province\d{2}$/.test(s.stackName.replace(/-/g, '')));
    expect(stage.provinces).toHaveLength(77);
    let agencyQueues = 0;
    for (const s of stacks) {
      const resources = Object.values(s.template.Resources as Record<string, { Type: string }>);
      expect(resources.length, s.stackName).toBeLessThanOrEqual(500);
      agencyQueues += resources.filter((r) => r.Type === 'AWS::IAM::Role').length;
    }
    expect(provinceStacks.length).toBeGreaterThan(0);
    // Every agency in the registry has a poller role (one per agency queue), plus each router's role.
    expect(agencyQueues).toBeGreaterThanOrEqual(agencies.length + 77);
    const nag = filterReport(new AwsSolutionsChecks(app).validateScope(app));
    expect(nag.violations).toEqual([]);
    for (const p of stage.provinces) {
      const tags = p.tags.tagValues();
      expect(tags['oss:province']).toMatch(/^\d{2}$/);
    }
  }, 120_000);
});
