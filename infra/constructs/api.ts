import { Duration } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type Resource,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The public REST API: regional, throttled at the stage, JSON access logs. Routes are added
 * with `route()`, which creates the resource path on demand and a Lambda proxy integration.
 */
export class OssApi extends Construct {
  readonly api: RestApi;
  private readonly integrations = new Map<IFunction, LambdaIntegration>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.api = new RestApi(this, 'Api', {
      description: 'One Stop Service (OSS) public and agency API',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
      minCompressionSize: undefined,
      disableExecuteApiEndpoint: false,
    });
    void Duration;
  }

  /** Adds `method path` (e.g. `GET /v1/services/{code}`) served by `fn`. */
  route(method: HttpMethod, path: string, fn: IFunction): void {
    let resource: Resource | ReturnType<RestApi['root']['addResource']> = this.api.root as Resource;
    for (const part of path.split('/').filter((p) => p.length > 0)) {
      resource = (resource.getResource(part) ?? resource.addResource(part)) as Resource;
    }
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
      this.integrations.set(fn, integration);
    }
    resource.addMethod(method, integration);
  }
}
