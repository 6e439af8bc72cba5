import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type Model,
  type RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { messageThOf } from '../../shared/domain/errors-th.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'ANY';

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
  [ResponseType.BAD_REQUEST_BODY, '400', 'VALIDATION_FAILED', '$context.error.validationErrorString'],
  [ResponseType.BAD_REQUEST_PARAMETERS, '400', 'VALIDATION_FAILED', '$context.error.validationErrorString'],
];

export interface RouteOptions {
  /** Behind the Cognito authorizer (agency routes). */
  readonly agencyAuth?: boolean;
  /**
   * JSON body schema the gateway validates before invoking the function (a model generated
   * from the same zod schema the function parses with).
   */
  readonly bodySchema?: $ZodType;
}

/**
 * The public REST API: regional, throttled at the stage, JSON access logs, gateway errors in
 * the project's error shape. Routes are added with `route()`, which creates the resource path
 * on demand and a Lambda proxy integration.
 */
export class OssApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: CognitoUserPoolsAuthorizer;
  readonly validator: RequestValidator;
  private readonly integrations = new Map<IFunction, LambdaIntegration>();
  private readonly models = new Map<$ZodType, Model>();

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
      this.api.addGatewayResponse(`Gateway${type.responseType}`, {
        type,
        statusCode,
        templates: {
          'application/json': JSON.stringify({ error: { code, message, messageTh: messageThOf(code) } }),
        },
      });
    }
    // No usage plan: OSS issues no API Gateway keys (Open311 clients carry the facade's own
    // api_key, agencies a Cognito token), so a plan would never apply. Limits are the stage
    // throttle above and the WAF's per-IP rate rule on public routes.
    this.validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'AgencyAuthorizer', {
      cognitoUserPools: [props.agencyUsers],
      identitySource: 'method.request.header.Authorization',
    });
  }

  /** Adds `method path` (e.g. `GET /v1/services/{code}`) served by `fn`. */
  route(method: HttpMethod, path: string, fn: IFunction, options: RouteOptions = {}): void {
    let resource: IResource = this.api.root;
    for (const part of path.split('/').filter((p) => p.length > 0)) {
      resource = resource.getResource(part) ?? resource.addResource(part);
    }
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
      this.integrations.set(fn, integration);
    }
    const model = options.bodySchema ? this.modelFor(options.bodySchema) : undefined;
    resource.addMethod(method, integration, {
      requestValidator: this.validator,
      ...(model && { requestModels: { 'application/json': model } }),
      ...(options.agencyAuth && {
        authorizer: this.authorizer,
        authorizationType: AuthorizationType.COGNITO,
      }),
    });
  }

  /** An API Gateway model (JSON Schema draft 4) generated from a zod schema, once per schema. */
  private modelFor(schema: $ZodType): Model {
    let model = this.models.get(schema);
    if (!model) {
      const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
        target: 'draft-4',
        io: 'input',
      }) as Record<string, unknown>;
      model = this.api.addModel(`Model${this.models.size + 1}`, {
        contentType: 'application/json',
        schema: { schema: 'http://json-schema.org/draft-04/schema#', ...jsonSchema } as never,
      });
      this.models.set(schema, model);
    }
    return model;
  }
}
