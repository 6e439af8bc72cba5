import type { App } from 'aws-cdk-lib';
import { readConfig } from './config.ts';
import pinned from './feature-flags.json' with { type: 'json' };
import { OssStage } from './stage.ts';

/**
 * Pins the CDK feature flags (infra/feature-flags.json) on the app before anything is built, so
 * `cdk synth`, the tests and the local runner all synthesize the same thing; a flag set
 * explicitly with `-c` still wins.
 */
export function pinFeatureFlags(app: App): void {
  for (const [flag, value] of Object.entries(pinned.flags)) {
    if (app.node.tryGetContext(flag) === undefined) app.node.setContext(flag, value);
  }
}

/** Builds the whole OSS app into `app`; shared by `cdk synth` (app.ts), the tests and the local runner. */
export function buildOssApp(app: App): OssStage {
  pinFeatureFlags(app);
  const config = readConfig(app.node);
  return new OssStage(app, `Oss-${config.envName}`, { config });
}
