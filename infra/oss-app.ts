import type { App } from 'aws-cdk-lib';
import { readConfig } from './config.ts';
import { OssStage } from './stage.ts';

/** Builds the whole OSS app into `app`; shared by `cdk synth` (app.ts), the tests and the local runner. */
export function buildOssApp(app: App): OssStage {
  const config = readConfig(app.node);
  return new OssStage(app, `Oss-${config.envName}`, { config });
}
