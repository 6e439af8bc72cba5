import { App } from 'aws-cdk-lib';
import { buildOssApp } from './oss-app.ts';

buildOssApp(new App());
