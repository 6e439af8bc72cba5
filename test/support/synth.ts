import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildOssApp } from '../../infra/oss-app.ts';

/** Synthesizes the app without esbuild bundling (tests check wiring, not bundles). */
export function synthStage(context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stage = buildOssApp(app);
  return {
    stage,
    stateful: Template.fromStack(stage.stateful),
    api: Template.fromStack(stage.api),
  };
}
