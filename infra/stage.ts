import { Stage, type StageProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { OssConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

export interface OssStageProps extends StageProps {
  readonly config: OssConfig;
}

/** One deployable environment (dev, prod, …): the same stacks, its own configuration. */
export class OssStage extends Stage {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;

  constructor(scope: Construct, id: string, props: OssStageProps) {
    super(scope, id, props);
    const env = { account: props.config.account, region: props.config.region };
    this.stateful = new StatefulStack(this, 'Stateful', {
      env,
      description: 'OSS data: requests table, documents bucket',
    });
    this.api = new ApiStack(this, 'Api', {
      env,
      description: 'OSS HTTP API and its functions',
      table: this.stateful.table,
      bucket: this.stateful.bucket,
      hashKey: this.stateful.hashKey,
      documentEvents: this.stateful.documentEvents.queue,
    });
    Tags.of(this).add('oss:env', props.config.envName);
  }
}
