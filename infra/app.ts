import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag.ts';
import { buildOssApp } from './oss-app.ts';

const app = new App();
// cdk-nag's AwsSolutions pack: synth fails on any finding not acknowledged in infra/nag.ts.
addNagChecks(app);
buildOssApp(app);
