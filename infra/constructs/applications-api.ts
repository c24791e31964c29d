import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteName, type RouteSpec, routeList } from '../../shared/http/routes.ts';
import { bundleDefinesFor } from '../bundle-defines.ts';
import type { Auth } from './auth.ts';
import type { Documents } from './documents.ts';
import { KurFunction } from './kur-function.ts';
import { ApiSecrets } from './secrets.ts';

export interface ApplicationsApiProps {
  readonly table: ITableV2;
  readonly auth: Auth;
  /** The documents bucket: routes with `bucket` actions get them, and uploads may come from the form. */
  readonly documents: Documents;
  /** The SES identity e-mails are sent from (MAIL_FROM). */
  readonly mailFrom: string;
  /** Extra URLs the sign-in may return to besides the API's own (e.g. a custom domain). */
  readonly extraFormUrls?: string[];
  /** Steady-state requests per second over the whole stage. @default 50 */
  readonly rateLimit?: number;
  /** Burst over the whole stage. @default 100 */
  readonly burstLimit?: number;
}

/** HTTP API access-log line: ids and outcomes only, never e-mail addresses or tokens. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
});

/**
 * Per-route throttling (requests per second, and the burst), within the stage's own limit. The
 * routes anyone may call (the form page, the health check, the calendar feeds, the OpenAPI
 * document: `access: 'public'`) get little, so that a crawler or a flood cannot starve the API of
 * the people working in it; each signed-in route may use up to half of the stage.
 */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;
export const SIGNED_IN_ROUTE_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

const isLocalOnly = (route: RouteSpec): boolean =>
  route.path === '/local' || route.path.startsWith('/local/');

/**
 * The HTTP API of shared/http/routes.ts: one function per route, each with exactly the table
 * actions and secrets its route lists. Routes with `access: 'public'` skip the JWT authorizer;
 * every other one needs a token of the user pool issued to the form's client. The form sends the **ID token**: only
 * it carries `custom:areaId` (the authorizer cannot tell the two kinds apart; handlers read claims).
 * Roles are checked by the handlers against the route table (`cognito:groups`).
 */
export class ApplicationsApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly formClient: UserPoolClient;
  readonly functions: Readonly<Record<RouteName, KurFunction>>;
  /** The secrets routes read (`secrets` in the route table), e.g. the page-token key. */
  readonly secrets: ApiSecrets;

  constructor(scope: Construct, id: string, props: ApplicationsApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'KUR grant applications',
      // Our own $default stage below, with access logs and throttling.
      createDefaultStage: false,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      // Kept when the stack is deleted, like the functions' logs: who called what stays on record.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    // The form is served by `GET /` of this API, so its URL is the stage's URL (with the slash).
    const formUrls = [this.formUrl, ...(props.extraFormUrls ?? [])];
    this.formClient = props.auth.addFormClient('FormClient', {
      callbackUrls: formUrls,
      logoutUrls: formUrls,
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.auth.issuerUrl, {
      jwtAudience: [this.formClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    const common = { TABLE_NAME: props.table.tableName, MAIL_FROM: props.mailFrom, FORM_URL: this.formUrl };
    /** Besides the common variables, what a route's function needs (the form signs in by itself). */
    const extra: Partial<Record<RouteName, Record<string, string>>> = {
      form: {
        COGNITO_DOMAIN_URL: props.auth.hostedUiUrl,
        COGNITO_CLIENT_ID: this.formClient.userPoolClientId,
      },
    };

    this.secrets = new ApiSecrets(this, 'Secrets');
    // Browsers upload documents from the form's pages straight to the bucket (presigned POST).
    props.documents.allowUploadsFrom([
      this.httpApi.apiEndpoint,
      ...(props.extraFormUrls ?? []).map((url) => new URL(url).origin),
    ]);

    const tableLogicalId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement);
    const functions: Partial<Record<RouteName, KurFunction>> = {};
    const stage = this.stage.node.defaultChild as CfnStage;
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routeList) {
      if (isLocalOnly(route)) throw new Error(`Route ${route.name} (${route.path}) is local-only`);

      // The form's browser code and the OpenAPI document go into their functions' bundles.
      const define = bundleDefinesFor(route.fn);
      const fn = new KurFunction(this, route.name, {
        fn: route.fn,
        description: `${route.method} ${route.path}`,
        serviceName: 'kur-api',
        environment: {
          ...common,
          // The form names the bucket in its CSP (connect-src): browsers upload there directly.
          ...(route.bucket || route.name === 'form'
            ? { DOCUMENTS_BUCKET: props.documents.bucket.bucketName }
            : {}),
          ...(route.directory ? { USER_POOL_ID: props.auth.userPool.userPoolId } : {}),
          ...extra[route.name],
        },
        ...(define ? { define } : {}),
      });
      functions[route.name] = fn;
      this.secrets.grantRead(fn.function, route.secrets ?? []);
      props.documents.grant(fn, route.bucket ?? []);
      // Exactly the user-pool actions the route lists, on this pool only.
      if (route.directory) props.auth.userPool.grant(fn.function, ...route.directory);

      if (route.table.length > 0) {
        props.table.grant(fn.function, ...route.table);
        // TableV2.grant names the table and `<table arn>/index/*`: the wildcard covers only this
        // table's own indexes (Query on a GSI needs the index ARN), never another table.
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
          reason:
            'Index ARNs of this one table only (table-arn/index/*), granted with exactly the actions ' +
            'the route table lists; Query on a GSI needs the index ARN.',
        });
      }

      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, fn.function),
        authorizer: route.access === 'public' ? new HttpNoneAuthorizer() : authorizer,
      });
      const throttle = route.access === 'public' ? PUBLIC_ROUTE_THROTTLE : SIGNED_IN_ROUTE_THROTTLE;
      routeSettings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
      // A stage's route settings may name only routes that exist: deploy the routes first.
      if (httpRoute) stage.node.addDependency(httpRoute);
      if (route.access === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public in shared/http/routes.ts and API.md (anyone): the health check and the sign-in page need no token and return no data.`,
        });
      }
    }
    stage.addPropertyOverride('RouteSettings', routeSettings);
    this.functions = functions as Record<RouteName, KurFunction>;
  }

  /** The API's base URL with a trailing slash; `GET` on it answers the form. */
  get formUrl(): string {
    return this.stage.url;
  }
}
