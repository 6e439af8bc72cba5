import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface OssApiProps {
  /** Agency staff pool: routes added with `agencyAuth` need a valid token from it. */
  readonly agencyUsers: IUserPool;
}

/** API Gateway's own refusals, in the error shape of DESIGN.md §4. */
const GATEWAY_ERRORS: ReadonlyArray<[ResponseType, string, string, string]> = [
  [ResponseType.UNAUTHORIZED, '401', 'UNAUTHORIZED', 'A valid agency token is required.'],
  [ResponseType.ACCESS_DENIED, '403', 'FORBIDDEN', 'Access denied.'],
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, '404', 'NOT_FOUND', 'No such route.'],
  [ResponseType.REQUEST_TOO_LARGE, '413', 'PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  [ResponseType.THROTTLED, '429', 'THROTTLED', 'Too many requests; please slow down.'],
  [ResponseType.DEFAULT_5XX, '502', 'INTERNAL', 'Something went wrong on our side. Please try again.'],
];

/**
 * The public REST API: regional, throttled at the stage, JSON access logs, gateway errors in
 * the project's error shape. Routes are added with `route()`, which creates the resource path
 * on demand and a Lambda proxy integration.
 */
export class OssApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: CognitoUserPoolsAuthorizer;
  private readonly integrations = new Map<IFunction, LambdaIntegration>();

  constructor(scope: Construct, id: string, props: OssApiProps) {
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
    });
    for (const [type, statusCode, code, message] of GATEWAY_ERRORS) {
      this.api.addGatewayResponse(`Gateway${code}${statusCode}`, {
        type,
        statusCode,
        templates: { 'application/json': JSON.stringify({ error: { code, message } }) },
      });
    }
    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'AgencyAuthorizer', {
      cognitoUserPools: [props.agencyUsers],
      identitySource: 'method.request.header.Authorization',
    });
  }

  /** Adds `method path` (e.g. `GET /v1/services/{code}`) served by `fn`. */
  route(method: HttpMethod, path: string, fn: IFunction, options: { agencyAuth?: boolean } = {}): void {
    let resource: IResource = this.api.root;
    for (const part of path.split('/').filter((p) => p.length > 0)) {
      resource = resource.getResource(part) ?? resource.addResource(part);
    }
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
      this.integrations.set(fn, integration);
    }
    resource.addMethod(
      method,
      integration,
      options.agencyAuth ? { authorizer: this.authorizer, authorizationType: AuthorizationType.COGNITO } : {},
    );
  }
}
