import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { filterReport } from '../../infra/nag.ts';
import { buildOssApp } from '../../infra/oss-app.ts';
import { agencyParts, agencyStackPart } from '../../infra/stacks/province-stack.ts';
import { allAgencies } from '../../shared/data/agencies.ts';
import type { Agency } from '../../shared/schemas/catalogue.ts';

/** IAM's default quota of roles per account, shared by dev, staging and prod in one account. */
const ROLE_QUOTA = 1000;

describe('nation-scale synth', () => {
  it('synthesizes all 77 provinces with every agency, within CloudFormation limits and far below the IAM role quota', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], provinces: 'all', env: 'prod' } });
    const stage = buildOssApp(app);
    const assembly = stage.synth();
    expect(stage.provinces).toHaveLength(77);
    let roles = 0;
    let alarms = 0;
    const taggedQueues = new Set<string>();
    for (const s of assembly.stacks) {
      const resources = Object.values(
        s.template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>,
      );
      expect(resources.length, s.stackName).toBeLessThanOrEqual(500);
      roles += resources.filter((r) => r.Type === 'AWS::IAM::Role').length;
      alarms += resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length;
      for (const r of resources.filter((x) => x.Type === 'AWS::SQS::Queue')) {
        const tags = (r.Properties?.Tags ?? []) as Array<{ Key: string; Value: string }>;
        const agency = tags.find((t) => t.Key === 'oss:agency-id')?.Value;
        if (agency) taggedQueues.add(agency);
      }
    }
    // One queue (tagged for ABAC) per agency; roles do not grow with agencies: one router role
    // and one poller role per province, plus the API's functions and CDK's own helpers.
    expect(taggedQueues.size).toBe(allAgencies().length);
    expect(roles).toBeLessThanOrEqual(2 * 77 + 30);
    expect(roles * 3, 'dev, staging and prod in one account').toBeLessThan(ROLE_QUOTA);
    // Every agency queue has a DLQ-depth and an age alarm.
    expect(alarms).toBeGreaterThanOrEqual(2 * allAgencies().length);
    console.log(
      `prod, provinces=all: ${assembly.stacks.length} stacks, ${roles} IAM roles, ${alarms} alarms`,
    );
    const nag = filterReport(new AwsSolutionsChecks(app).validateScope(app));
    expect(nag.violations).toEqual([]);
    for (const p of stage.provinces) {
      const template = assembly.getStackArtifact(p.artifactId).template as {
        Resources: Record<
          string,
          { Type: string; Properties: { Tags?: Array<{ Key: string; Value: string }> } }
        >;
      };
      const router = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
      expect(router?.Properties.Tags?.find((t) => t.Key === 'oss:province')?.Value).toMatch(/^\d{2}$/);
    }
  }, 120_000);

  it('keeps every agency in its stack part when another agency is added (CloudFormation would re-create a moved queue)', () => {
    const bangkok = allAgencies().filter((a) => a.provinceCode === '10');
    const before = new Map(bangkok.map((a) => [a.id, agencyStackPart(a)]));
    const newDistrict: Agency = {
      id: 'district-1051',
      type: 'district',
      provinceCode: '10',
      districtCode: '1051',
      nameTh: 'เขตใหม่',
      nameEn: 'New district',
    };
    const newLocal: Agency = {
      id: 'lao-1234567',
      type: 'local',
      provinceCode: '10',
      nameTh: 'ท้องถิ่น',
      nameEn: 'Local',
      stackPart: 3,
    };
    const after = agencyParts([newLocal, ...bangkok.slice().reverse(), newDistrict]);
    for (const [part, members] of after) {
      for (const a of members) if (before.has(a.id)) expect(part, a.id).toBe(before.get(a.id));
    }
    expect(after.get(1)?.some((a) => a.id === 'district-1051')).toBe(true);
    // A part that outgrows a stack fails the synth with what to do.
    const crowd = Array.from({ length: 61 }, (_, i): Agency => ({ ...newLocal, id: `lao-${i}` }));
    expect(() => agencyParts(crowd)).toThrow(/give new agencies another stackPart/);
  });
});
