import { Aws, Fn, Stage, type StageProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { allAgencies } from '../shared/data/agencies.ts';
import type { OssConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { EdgeStack } from './stacks/edge-stack.ts';
import { agencyParts, ProvinceAgenciesStack, ProvinceStack } from './stacks/province-stack.ts';
import { SiteStack } from './stacks/site-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

export interface OssStageProps extends StageProps {
  readonly config: OssConfig;
}

/** One deployable environment (dev, prod, …): the same stacks, its own configuration. */
export class OssStage extends Stage {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
  readonly edge: EdgeStack;
  readonly site: SiteStack;
  readonly provinces: ProvinceStack[] = [];
  readonly overflow: ProvinceAgenciesStack[] = [];

  constructor(scope: Construct, id: string, props: OssStageProps) {
    super(scope, id, props);
    const { config } = props;
    const env = { account: config.account, region: config.region };
    const queueUrlPrefix = Fn.join('', [
      'https://sqs.',
      Aws.REGION,
      '.',
      Aws.URL_SUFFIX,
      '/',
      Aws.ACCOUNT_ID,
      '/',
    ]);

    this.stateful = new StatefulStack(this, 'Stateful', {
      env,
      envName: config.envName,
      settings: config.settings,
      description: 'OSS data: requests table, documents bucket, agency staff user pool',
    });
    this.api = new ApiStack(this, 'Api', {
      env,
      description: 'OSS HTTP API and its functions',
      envName: config.envName,
      settings: config.settings,
      servedProvinces: config.provinces.map((p) => p.code),
      queueUrlPrefix,
      stateful: this.stateful,
    });

    // CloudFront's web ACL and Lambda@Edge live in us-east-1; the site references them across regions.
    this.edge = new EdgeStack(this, 'Edge', {
      env: { account: config.account, region: 'us-east-1' },
      description: 'OSS web front door: CloudFront web ACL and the 404 origin-response function (us-east-1)',
    });
    this.site = new SiteStack(this, 'Site', {
      env,
      crossRegionReferences: true,
      description: 'OSS web front door: the site bucket and the CloudFront distribution (pages + API)',
      api: this.api.api.api,
      documentsDomain: this.stateful.bucket.bucketRegionalDomainName,
      officerClientId: this.stateful.officerClient.userPoolClientId,
      webAclArn: this.edge.webAclArn,
      notFound: this.edge.notFound.currentVersion,
    });

    for (const province of config.provinces) {
      const provinceAgencies = allAgencies().filter((a) => a.provinceCode === province.code);
      const parts = agencyParts(provinceAgencies);
      const stack = new ProvinceStack(this, `Province${province.code}`, {
        env,
        description: `OSS routing for ${province.nameEn} (${province.code})`,
        envName: config.envName,
        settings: config.settings,
        province,
        agencies: parts.get(0) ?? [],
        allAgencies: provinceAgencies,
        table: this.stateful.table,
        queueUrlPrefix,
        alerts: this.stateful.alerts,
      });
      this.provinces.push(stack);
      for (const [part, members] of [...parts].sort(([a], [b]) => a - b)) {
        if (part === 0) continue;
        // Stack names keep the part number (Agencies2 = part 1), so parts never renumber.
        this.overflow.push(
          new ProvinceAgenciesStack(this, `Province${province.code}Agencies${part + 1}`, {
            env,
            description: `OSS agency queues for ${province.nameEn} (${province.code}), part ${part + 1}`,
            envName: config.envName,
            province,
            agencies: members,
            alerts: this.stateful.alerts,
          }),
        );
      }
    }
    Tags.of(this).add('oss:env', config.envName);
  }
}
