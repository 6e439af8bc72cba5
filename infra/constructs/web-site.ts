import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  LambdaEdgeEventType,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IVersion } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { sourceStamp } from '../../web/build.ts';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, contentSecurityPolicy } from '../../web/security-headers.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebSiteProps {
  readonly api: RestApi;
  /** Where pages may send documents (the documents bucket's regional endpoint) and sign officers in. */
  readonly connectSrc: readonly string[];
  /** What the officer console's sign-in uses (written to /config.json). */
  readonly officerSignIn: { readonly region: string; readonly clientId: string };
  readonly webAclArn: string;
  readonly notFound: IVersion;
}

/**
 * The web front door (DESIGN.md §12): the built site in a private bucket behind CloudFront with
 * origin access control; `/v1/*`, `/open311/*`, `/health` and `/openapi.json` go to the API, so
 * pages and API share one origin. Hashed assets are cached for a year; pages are revalidated.
 */
export class WebSite extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365) }],
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'OSS pages and API: CSP without inline script, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.connectSrc),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY' as never, override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin' as never, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(self)',
            override: true,
          },
        ],
      },
    });
    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      runtime: FunctionRuntime.JS_2_0,
      comment: '/stats/ serves /stats/index.html; /stats redirects to /stats/',
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  // Never let '//host/…' through: as a Location it would send the browser to another site.
  var uri = '/' + request.uri.replace(/^\\/+/, '');
  if (uri.endsWith('/')) { request.uri = uri + 'index.html'; return request; }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    var parts = [];
    for (var name in request.querystring) {
      var q = request.querystring[name];
      var values = q.multiValue ? q.multiValue : [q];
      for (var i = 0; i < values.length; i++) parts.push(name + (values[i].value === '' ? '' : '=' + values[i].value));
    }
    var location = uri + '/' + (parts.length ? '?' + parts.join('&') : '');
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };
  }
  request.uri = uri;
  return request;
}`),
    });

    const site = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const api = new RestApiOrigin(props.api);
    const apiBehavior = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway needs its own Host; cookies, query strings and the other headers pass.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };
    const notFound = [{ eventType: LambdaEdgeEventType.ORIGIN_RESPONSE, functionVersion: props.notFound }];
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OSS: the web front door and the API on one origin',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: site,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
        edgeLambdas: notFound,
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: site,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          edgeLambdas: notFound,
        },
        '/v1/*': apiBehavior,
        '/open311/*': apiBehavior,
        '/health': apiBehavior,
        '/openapi.json': apiBehavior,
      },
    });

    // The site is built by synth itself (web/build.ts), hashed by its sources.
    const built = Source.asset(path.join(projectRoot, 'web'), {
      assetHashType: AssetHashType.CUSTOM,
      assetHash: sourceStamp(),
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
        local: {
          tryBundle(outputDir: string) {
            execFileSync(
              process.execPath,
              ['--import', 'tsx', path.join(projectRoot, 'web', 'build.ts'), outputDir],
              {
                cwd: projectRoot,
                stdio: 'inherit',
              },
            );
            return true;
          },
        },
      },
    });
    // Assets first (pages point at them), never pruned: a page cached a moment ago still finds its script.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [built],
      include: ['assets/*'],
      exclude: ['*'],
      prune: false,
      cacheControl: [CacheControl.fromString(CACHE_IMMUTABLE)],
      memoryLimit: 512,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      destinationBucket: this.bucket,
      sources: [
        built,
        Source.jsonData('config.json', { officerSignIn: { kind: 'cognito', ...props.officerSignIn } }),
      ],
      exclude: ['assets/*', 'build-info.json', '.source-stamp'],
      prune: false,
      cacheControl: [CacheControl.fromString(CACHE_REVALIDATE)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    pages.node.addDependency(assets);
  }
}
