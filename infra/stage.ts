import { Aws, Fn, Stage, type StageProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { agencies } from '../shared/data/agencies.ts';
import type { OssConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { overflowChunks, ProvinceAgenciesStack, ProvinceStack } from './stacks/province-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

export interface OssStageProps extends StageProps {
  readonly config: OssConfig;
}

/** One deployable environment (dev, prod, …): the same stacks, its own configuration. */
export class OssStage extends Stage {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
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
      description: 'OSS data: requests table, documents bucket, agency staff user pool',
    });
    this.api = new ApiStack(this, 'Api', {
      env,
      description: 'OSS HTTP API and its functions',
      envName: config.envName,
      servedProvinces: config.provinces.map((p) => p.code),
      queueUrlPrefix,
      stateful: this.stateful,
    });

    for (const province of config.provinces) {
      const provinceAgencies = agencies.filter((a) => a.provinceCode === province.code);
      const stack = new ProvinceStack(this, `Province${province.code}`, {
        env,
        description: `OSS routing for ${province.nameEn} (${province.code})`,
        envName: config.envName,
        province,
        agencies: provinceAgencies,
        table: this.stateful.table,
        queueUrlPrefix,
        alerts: this.stateful.alerts,
      });
      this.provinces.push(stack);
      overflowChunks(provinceAgencies).forEach((chunk, i) => {
        this.overflow.push(
          new ProvinceAgenciesStack(this, `Province${province.code}Agencies${i + 2}`, {
            env,
            description: `OSS agency queues for ${province.nameEn} (${province.code}), part ${i + 2}`,
            envName: config.envName,
            province,
            agencies: chunk,
            alerts: this.stateful.alerts,
          }),
        );
      });
    }
    Tags.of(this).add('oss:env', config.envName);
  }
}
