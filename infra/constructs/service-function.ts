import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE, SIDE_FILES, sideFile } from '../bundling.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** CloudFormation metadata key naming a function's source entry; the local runner imports it. */
export const ENTRY_METADATA_KEY = 'oss:entry';

/** Metadata key listing the data files copied beside a function's bundle (the benchmark copies them too). */
export const DATA_FILES_METADATA_KEY = 'oss:data-files';

/**
 * Metadata key of an event the local runner sends a function once at start-up (for work that
 * AWS never needs, such as refilling the in-memory local queues from the table).
 */
export const LOCAL_STARTUP_EVENT_METADATA_KEY = 'oss:local-startup-event';

export interface ServiceFunctionProps {
  /** Folder under `functions/`; the entry is `functions/<name>/handler.ts`, export `handler`. */
  readonly name: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly description?: string;
  /**
   * Project files (paths from the project root) copied next to the bundle, for data a function
   * reads on first use instead of bundling it (see shared/data/subdistricts.ts).
   */
  readonly dataFiles?: readonly string[];
  /** Concurrency reserved for (and capping) this function. */
  readonly reservedConcurrency?: number;
  /** An event for the local runner to invoke this function with once at start-up. */
  readonly localStartupEvent?: Record<string, unknown>;
}

/**
 * One Lambda function with the project's fixed defaults: Node 24 on arm64, esbuild bundling
 * (minified CommonJS, see infra/bundling.ts; source maps beside it), an explicit log group with
 * retention, active tracing.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(10);
    const entry = `functions/${props.name}/handler.ts`;
    const dataFiles = [...BUNDLE.dataFiles, ...(props.dataFiles ?? [])];

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Its own role with write access to its own log group only (no AWS-managed policy).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `OSS ${props.name} function`,
    });
    logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      role,
      entry: path.join(projectRoot, entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      description: props.description,
      ...(props.reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrency,
      }),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      environment: {
        OSS_FUNCTION: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: BUNDLE.target,
        minify: BUNDLE.minify,
        // The map goes beside the bundle, for reading a stack trace; Node does not load it
        // (`--enable-source-maps` adds 3–5 ms to every cold start, measured the bench's way: set
        // NODE_OPTIONS on one function while investigating, docs/deploy.md).
        sourceMap: true,
        sourcesContent: false,
        mainFields: [...BUNDLE.mainFields],
        externalModules: [...BUNDLE.external],
        banner: BUNDLE.banner,
        define: Object.fromEntries(Object.entries(BUNDLE.define)),
        charset: Charset.UTF8,
        // This aws-cdk-lib's bundler ignores `charset`: without the flag the Thai catalogue is
        // written as \u escapes, some 30 KB more in every bundle (and the 400 KB budget).
        esbuildArgs: {
          '--charset': 'utf8',
          '--alias': Object.entries(BUNDLE.alias).map(([from, to]) => `${from}=${to}`),
        },
        metafile: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            ...dataFiles.map((f) => `cp "${path.join(inputDir, f)}" "${outputDir}/"`),
            // The side files this bundle loads (it names them), built once per synth.
            ...SIDE_FILES.map(
              (side) =>
                `if grep -qF "${side.file}" "${outputDir}/index.js"; then cp "${sideFile(side)}" "${outputDir}/"; fi`,
            ),
          ],
        },
      },
    });
    const cfn = this.fn.node.defaultChild as CfnFunction;
    cfn.addMetadata(ENTRY_METADATA_KEY, entry);
    cfn.addMetadata(DATA_FILES_METADATA_KEY, dataFiles);
    if (props.localStartupEvent) cfn.addMetadata(LOCAL_STARTUP_EVENT_METADATA_KEY, props.localStartupEvent);
  }
}
