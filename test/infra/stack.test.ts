import { type App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KurFunction } from '../../infra/constructs/kur-function.ts';
import { OUTBOX_GAVE_UP_MESSAGE } from '../../infra/constructs/mailer.ts';
import { createTableInput } from '../../infra/local/create-table.ts';
import type { KurStack } from '../../infra/stack.ts';
import {
  INDEX_LIST,
  INDEXES,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '../../shared/adapters/dynamodb/table-schema.ts';
import { ROLES } from '../../shared/domain/roles.ts';
import { type RouteName, routeList, routes } from '../../shared/http/routes.ts';
import { OUTBOX_GAVE_UP } from '../../shared/usecases/deliver-outbox.ts';
import { synthesizedStack } from '../support/synthesized-stack.ts';

/**
 * The deployed shape, asserted on the synthesized template. Bundling is skipped
 * (`aws:cdk:bundling-stacks`) as in the other infra tests: nothing here reads the code, and
 * esbuilding 57 functions took minutes on a busy machine (`npm run bench` bundles every function
 * with the deployed settings). Built once per file. cdk-nag's AwsSolutions rules skip HTTP APIs and TableV2
 * in places, so PITR, access logs and throttling are asserted here as well.
 */
let app: App;
let stack: KurStack;
let template: Template;
let synthError: unknown;

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

beforeAll(() => {
  // The default stage (KurStack's `dev`), as `cdk deploy` without -c stage builds it.
  ({ app, stack, template, synthError } = synthesizedStack({ stage: 'dev' }));
}, 120_000);

const resourcesOfType = (type: string): Record<string, Resource> =>
  template.findResources(type) as Record<string, Resource>;

const logicalId = (element: CfnElement): string => Stack.of(element).getLogicalId(element);

const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The statements of the policy attached to a role. */
const statementsOfRole = (role: IConstruct): Statement[] => {
  const policy = role.node.findChild('DefaultPolicy').node.defaultChild as CfnElement;
  const resource = resourcesOfType('AWS::IAM::Policy')[logicalId(policy)];
  if (!resource) throw new Error(`no policy for ${role.node.path}`);
  return (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};

/** The statements of the policy attached to a route's function role. */
const statementsOf = (name: RouteName): Statement[] => statementsOfRole(stack.api.functions[name].role);

const dynamoActionsOf = (name: RouteName): string[] =>
  statementsOf(name)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith('dynamodb:'))
    .sort();

/** The synthesized properties of a KurFunction's function. */
const functionOf = (fn: KurFunction): Record<string, unknown> => {
  const resource =
    resourcesOfType('AWS::Lambda::Function')[logicalId(fn.function.node.defaultChild as CfnElement)];
  if (!resource) throw new Error(`no function ${fn.node.path}`);
  return resource.Properties;
};

const variablesOf = (fn: KurFunction): Record<string, unknown> =>
  (functionOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;

describe('synthesis', () => {
  it('passes cdk-nag AwsSolutions with every finding fixed or acknowledged', () => {
    expect(synthError).toBeUndefined();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it('carries no CDK errors or warnings', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('size', () => {
  // CloudFormation refuses a stack of more than 500 resources; each route costs about 8 (function,
  // role, policy, log group, permission, integration, route, alarm). Past 470, split the stack or
  // let routes share functions before adding more.
  it('stays under 470 of the 500 resources CloudFormation allows in one stack', () => {
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(470);
  });
});

describe('table', () => {
  const table = () => {
    const tables = Object.values(resourcesOfType('AWS::DynamoDB::GlobalTable'));
    expect(tables).toHaveLength(1);
    return tables[0] as Resource;
  };

  it('is retained, recoverable to a point in time and protected from deletion', () => {
    expect(table().DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('streams new and old images and expires items by the TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('has the keys and every index of table-schema.ts with its projection', () => {
    const props = table().Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    // The very indexes the local stack and the tests create: deployed and local cannot differ.
    const expected = createTableInput('any').GlobalSecondaryIndexes;
    expect(expected).toHaveLength(INDEX_LIST.length);
    expect(props.GlobalSecondaryIndexes).toEqual(expected);
  });
});

describe('functions', () => {
  it('deploys one function per route plus mailer, sweeper, feedback recorder and reminder job, each Node.js 24 on arm64 with active tracing', () => {
    const functions = Object.values(resourcesOfType('AWS::Lambda::Function'));
    expect(functions).toHaveLength(routeList.length + 4);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('gives every function its configuration, source maps on and a log group with a retention', () => {
    const senders: unknown[] = [];
    for (const fn of Object.values(resourcesOfType('AWS::Lambda::Function'))) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'POWERTOOLS_SERVICE_NAME']),
      );
      if ('MAIL_FROM' in variables) senders.push(variables.MAIL_FROM);
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    // The functions that send e-mail (at least the mailer) all send as the configured sender.
    expect(senders.length).toBeGreaterThan(0);
    expect(new Set(senders)).toEqual(new Set(['kur@example.se']));
    for (const logGroup of Object.values(resourcesOfType('AWS::Logs::LogGroup'))) {
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
    for (const name of routeList.map((r) => r.name)) {
      expect(Object.keys(variablesOf(stack.api.functions[name]))).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'MAIL_FROM', 'FORM_URL']),
      );
    }
  });

  it('tells the form where to sign in', () => {
    const form = stack.api.functions.form.function.node.defaultChild as CfnElement;
    expect(resourcesOfType('AWS::Lambda::Function')[logicalId(form)]?.Properties).toMatchObject({
      Environment: {
        Variables: { COGNITO_DOMAIN_URL: expect.anything(), COGNITO_CLIENT_ID: expect.anything() },
      },
    });
  });
});

describe('least privilege', () => {
  const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

  it('lets PUT /programmes/{programmeId} write programmes with exactly the actions its route lists', () => {
    const actions = dynamoActionsOf('putProgramme');
    expect(actions).toEqual([...routes.putProgramme.table].sort());
    expect(actions).toContain('dynamodb:PutItem');
  });

  it('lets GET /areas read with exactly the actions its route lists and never write', () => {
    const actions = dynamoActionsOf('listAreas');
    expect(actions).toEqual([...routes.listAreas.table].sort());
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((action) => WRITES.includes(action))).toEqual([]);
  });

  it('gives GET /health no table access at all', () => {
    expect(routes.health.table).toEqual([]);
    expect(dynamoActionsOf('health')).toEqual([]);
  });

  it('grants every route exactly the table actions the route table lists, on this table only', () => {
    const tableId = logicalId(stack.data.table.node.defaultChild as CfnElement);
    for (const route of routeList) {
      expect(dynamoActionsOf(route.name), route.name).toEqual([...route.table].sort());
      for (const statement of statementsOf(route.name)) {
        if (!actionsOf(statement).some((a) => a.startsWith('dynamodb:'))) continue;
        expect(JSON.stringify(statement.Resource)).toContain(tableId);
      }
    }
  });

  it('lets only the users routes administer the user pool, each with exactly its actions on this pool, and tells only them its id', () => {
    const poolId = logicalId(stack.auth.userPool.node.defaultChild as CfnElement);
    for (const route of routeList) {
      const granted = statementsOf(route.name).filter((statement) =>
        actionsOf(statement).some((a) => a.startsWith('cognito-idp:')),
      );
      expect(granted.flatMap(actionsOf).sort(), route.name).toEqual([...(route.directory ?? [])].sort());
      for (const statement of granted) {
        expect(statement.Resource, route.name).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
      }
      expect('USER_POOL_ID' in variablesOf(stack.api.functions[route.name]), route.name).toBe(
        route.directory !== undefined,
      );
    }
    expect(routeList.filter((route) => route.directory).map((route) => route.path)).toEqual([
      '/users',
      '/users',
      '/users/{id}/disable',
      '/users/{id}/enable',
    ]);
  });

  it('has no wildcard DynamoDB action and no AWS managed policy anywhere', () => {
    for (const policy of Object.values(resourcesOfType('AWS::IAM::Policy'))) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      for (const action of statements.flatMap(actionsOf)) {
        expect(action).not.toBe('*');
        expect(action).not.toMatch(/^dynamodb:.*\*/);
      }
    }
    for (const role of Object.values(resourcesOfType('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('page-token key', () => {
  const secretId = () => logicalId(stack.api.secrets.pageTokens.node.defaultChild as CfnElement);
  const pagingRoutes = () =>
    routeList
      .filter((route) => route.secrets?.includes('pageTokens'))
      .map((route) => route.name)
      .sort();

  it('is a secret Secrets Manager generates, its value never in the template', () => {
    const secrets = resourcesOfType('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toEqual([secretId()]);
    const secret = secrets[secretId()]?.Properties ?? {};
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.SecretString).toBeUndefined();
  });

  it('is named by every route that answers pages with a nextToken, and by the routes that show a sealed link (calendar URL, survey link)', () => {
    expect(pagingRoutes()).toEqual([
      'areaCalendar',
      'getFollowUp',
      'listApplications',
      'listFollowUps',
      'listReportRuns',
      'rotateAreaCalendar',
    ]);
  });

  it('may be read only by the functions of those routes and the daily job (it e-mails survey links), with GetSecretValue on it alone', () => {
    const readers: string[] = [];
    for (const policy of Object.values(resourcesOfType('AWS::IAM::Policy'))) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      const secretStatements = statements.filter((s) =>
        actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
      );
      if (secretStatements.length === 0) continue;
      for (const statement of secretStatements) {
        expect(statement).toMatchObject({
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: { Ref: secretId() },
        });
      }
      readers.push(...(policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
    }
    const roleOf = (name: RouteName) =>
      logicalId(stack.api.functions[name].role.node.defaultChild as CfnElement);
    const dailyJob = logicalId(stack.reminders.function.role.node.defaultChild as CfnElement);
    expect(readers.sort()).toEqual([...pagingRoutes().map(roleOf), dailyJob].sort());
  });

  it('is named by ARN to those functions only', () => {
    const told = Object.values(resourcesOfType('AWS::Lambda::Function')).filter(
      (fn) =>
        'PAGE_TOKEN_SECRET_ARN' in
        ((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables ?? {}),
    );
    expect(told).toHaveLength(pagingRoutes().length + 1);
    expect(variablesOf(stack.reminders.function).PAGE_TOKEN_SECRET_ARN).toEqual({ Ref: secretId() });
    for (const name of pagingRoutes()) {
      expect(variablesOf(stack.api.functions[name]).PAGE_TOKEN_SECRET_ARN).toEqual({ Ref: secretId() });
    }
  });
});

describe('HTTP API', () => {
  const deployedRoutes = () =>
    Object.values(resourcesOfType('AWS::ApiGatewayV2::Route')).map((r) => r.Properties) as {
      RouteKey: string;
      AuthorizationType: string;
      AuthorizerId?: unknown;
    }[];

  it('deploys every route of the route table and nothing else', () => {
    expect(
      deployedRoutes()
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('never deploys a /local route', () => {
    expect(deployedRoutes().filter((r) => r.RouteKey.includes(' /local'))).toEqual([]);
  });

  it('lets public routes through without a token and guards every other one with the JWT authorizer', () => {
    const byKey = new Map(deployedRoutes().map((r) => [r.RouteKey, r]));
    for (const route of routeList) {
      const deployed = byKey.get(`${route.method} ${route.path}`);
      if (route.access === 'public') {
        expect(deployed?.AuthorizationType, route.name).toBe('NONE');
        expect(deployed?.AuthorizerId, route.name).toBeUndefined();
      } else {
        expect(deployed?.AuthorizationType, route.name).toBe('JWT');
        expect(deployed?.AuthorizerId, route.name).toBeDefined();
      }
    }
    expect(byKey.get(`${routes.health.method} ${routes.health.path}`)?.AuthorizationType).toBe('NONE');
    expect(byKey.get(`${routes.putProgramme.method} ${routes.putProgramme.path}`)?.AuthorizationType).toBe(
      'JWT',
    );
  });

  it('accepts only tokens of the user pool issued to the form client', () => {
    const clientId = logicalId(stack.api.formClient.node.defaultChild as CfnElement);
    const poolId = logicalId(stack.auth.userPool.node.defaultChild as CfnElement);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith([Match.stringLikeRegexp('^https://cognito-idp\\.'), { Ref: poolId }]),
          ],
        },
      },
    });
  });

  it('logs every request of the default stage and throttles it', () => {
    const stages = Object.values(resourcesOfType('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const props = stages[0]?.Properties as {
      StageName: string;
      AccessLogSettings: { DestinationArn: unknown; Format: string };
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    };
    expect(props.StageName).toBe('$default');
    expect(props.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(props.AccessLogSettings.Format).toContain('$context.requestId');
    expect(props.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(props.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
  });
});

describe('user pool', () => {
  it('has a group per role', () => {
    const groups = Object.values(resourcesOfType('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
    expect(groups).toEqual(expect.arrayContaining(['admin', 'coordinator']));
  });

  it('carries a mutable areaId attribute, so that ID tokens carry custom:areaId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'areaId', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('lets only administrators create accounts and signs in by e-mail with a strong password', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON', // TOTP required: test/infra/identity.test.ts
      Policies: {
        // The whole policy, exactly: a shorter minimum or a dropped character class fails here.
        PasswordPolicy: Match.exact({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        }),
      },
    });
  });

  it('gives the form a public code-grant client that reads but never writes custom:areaId', () => {
    const clients = Object.values(resourcesOfType('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const props = clients[0]?.Properties as Record<string, unknown>;
    expect(props).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(props.ReadAttributes).toContain('custom:areaId');
    expect(props.WriteAttributes).toBeDefined();
    expect(props.WriteAttributes).not.toContain('custom:areaId');
    expect(props.CallbackURLs).toContain('https://kur.example.se/');
  });

  it('has a hosted UI domain', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

const tableArn = () => ({
  'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild as CfnElement), 'Arn'],
});
const indexArn = (index: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${index}`]] });
const refOf = (construct: IConstruct) => ({ Ref: logicalId(construct.node.defaultChild as CfnElement) });
const arnOf = (construct: IConstruct) => ({
  'Fn::GetAtt': [logicalId(construct.node.defaultChild as CfnElement), 'Arn'],
});

/** DynamoDB actions of a role, each with the resource it is granted on. */
const dynamoGrantsOf = (role: IConstruct): { action: string; resource: unknown; condition?: unknown }[] =>
  statementsOfRole(role)
    .flatMap((statement) =>
      actionsOf(statement)
        .filter((action) => action.startsWith('dynamodb:'))
        .map((action) => ({
          action,
          resource: statement.Resource,
          ...(statement.Condition ? { condition: statement.Condition } : {}),
        })),
    )
    .sort(
      (a, b) =>
        a.action.localeCompare(b.action) || Number(Boolean(a.condition)) - Number(Boolean(b.condition)),
    );

const sesStatementsOf = (role: IConstruct): Statement[] =>
  statementsOfRole(role).filter((statement) => actionsOf(statement).some((a) => a.startsWith('ses:')));

describe('mailer', () => {
  const mapping = () => {
    const mappings = Object.values(resourcesOfType('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    return mappings[0]?.Properties as Record<string, any>;
  };

  it('reads the table stream with a mapping that cannot block its shard', () => {
    expect(mapping()).toMatchObject({
      EventSourceArn: {
        'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild as CfnElement), 'StreamArn'],
      },
      FunctionName: refOf(stack.mailer.streamFunction.function),
      StartingPosition: 'LATEST',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 8,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: arnOf(stack.mailer.streamFailures.queue) } },
    });
  });

  it('is invoked only for outbox items awaiting delivery', () => {
    const patterns = (mapping().FilterCriteria.Filters as { Pattern: string }[]).map((f) =>
      JSON.parse(f.Pattern),
    );
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(['INSERT', 'MODIFY']).toEqual(expect.arrayContaining(pattern.eventName));
      expect(pattern.dynamodb.NewImage).toMatchObject({
        entity: { S: ['outbox'] },
        status: { S: ['pending'] },
      });
    }
    expect(patterns.flatMap((p) => p.eventName).sort()).toEqual(['INSERT', 'MODIFY']);
  });

  it('parks failed stream records in an encrypted, TLS-only queue that raises an alarm', () => {
    const queue =
      resourcesOfType('AWS::SQS::Queue')[
        logicalId(stack.mailer.streamFailures.queue.node.defaultChild as CfnElement)
      ];
    expect(queue?.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [refOf(stack.mailer.streamFailures.queue)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [
              logicalId(stack.mailer.streamFailures.queue.node.defaultChild as CfnElement),
              'QueueName',
            ],
          },
        },
      ],
      Threshold: 1,
    });
  });

  it('has a dead-letter alarm on every queue, and every queue encrypted', () => {
    const queues = Object.keys(resourcesOfType('AWS::SQS::Queue'));
    const alarmed = Object.values(resourcesOfType('AWS::CloudWatch::Alarm'))
      .filter((alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map(
        (alarm) =>
          (alarm.Properties.Dimensions as { Value: { 'Fn::GetAtt': string[] } }[])[0]?.Value['Fn::GetAtt'][0],
      );
    expect(alarmed.sort()).toEqual(queues.sort());
    for (const queue of Object.values(resourcesOfType('AWS::SQS::Queue'))) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
  });

  it('sweeps every 5 minutes with a scheduled event carrying its time', () => {
    const schedule = stack.mailer.sweepSchedule.node.defaultChild as CfnElement;
    const props = resourcesOfType('AWS::Scheduler::Schedule')[logicalId(schedule)]?.Properties as Record<
      string,
      any
    >;
    expect(props.ScheduleExpression).toBe('rate(5 minutes)');
    expect(props.Target.Arn).toEqual(arnOf(stack.mailer.sweepFunction.function));
    expect(JSON.stringify(props.Target.Input)).toContain('\\"time\\":\\"<aws.scheduler.scheduled-time>\\"');
  });

  it('sends with SES_CONFIGURATION_SET, MAIL_FROM and FORM_URL set', () => {
    for (const fn of [stack.mailer.streamFunction, stack.mailer.sweepFunction]) {
      expect(variablesOf(fn)).toMatchObject({
        TABLE_NAME: refOf(stack.data.table),
        MAIL_FROM: 'kur@example.se',
        SES_CONFIGURATION_SET: refOf(stack.mailer.configurationSet),
        FORM_URL: expect.anything(),
      });
    }
    // The outbox lease (5 min) must outlast a mailer invocation; the sweeper runs within its interval.
    expect(functionOf(stack.mailer.streamFunction).Timeout).toBeLessThan(300);
    expect(functionOf(stack.mailer.sweepFunction).Timeout).toBeLessThan(300);
  });

  it('may send only as the sender identity, in the configuration set', () => {
    for (const role of [stack.mailer.streamFunction.role, stack.mailer.sweepFunction.role]) {
      const statements = sesStatementsOf(role);
      expect(statements).toHaveLength(1);
      const [statement] = statements as [Statement];
      expect(actionsOf(statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      const resources = (statement.Resource as unknown[]).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(3);
      expect(resources[0]).toMatch(/:ses:eu-north-1:.*:identity\/kur@example\.se"/);
      expect(resources[1]).toMatch(/:ses:eu-north-1:.*:identity\/example\.se"/);
      expect(resources[2]).toContain(':configuration-set/');
      expect(resources[2]).toContain(JSON.stringify(refOf(stack.mailer.configurationSet)));
    }
  });

  it('has no ses:* action and no SES action on * anywhere', () => {
    for (const policy of Object.values(resourcesOfType('AWS::IAM::Policy'))) {
      for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        const ses = actionsOf(statement).filter((a) => a.startsWith('ses:'));
        if (ses.length === 0) continue;
        expect(ses.filter((a) => a.includes('*'))).toEqual([]);
        const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        expect(resources).not.toContain('*');
      }
    }
  });

  it('touches the table exactly as the outbox code does', () => {
    const streamArn = {
      'Fn::GetAtt': [logicalId(stack.data.table.node.defaultChild as CfnElement), 'StreamArn'],
    };
    expect(dynamoGrantsOf(stack.mailer.streamFunction.role)).toEqual([
      { action: 'dynamodb:DescribeStream', resource: streamArn },
      { action: 'dynamodb:GetRecords', resource: streamArn },
      { action: 'dynamodb:GetShardIterator', resource: streamArn },
      { action: 'dynamodb:ListStreams', resource: streamArn },
      { action: 'dynamodb:UpdateItem', resource: tableArn() },
    ]);
    expect(dynamoGrantsOf(stack.mailer.sweepFunction.role)).toEqual([
      { action: 'dynamodb:Query', resource: indexArn(INDEXES.gsi3.name) },
      { action: 'dynamodb:UpdateItem', resource: tableArn() },
    ]);
  });

  it('raises an alarm when an e-mail is given up, matching the message deliver-outbox.ts logs', () => {
    expect(OUTBOX_GAVE_UP_MESSAGE).toBe(OUTBOX_GAVE_UP);
    const filters = Object.values(resourcesOfType('AWS::Logs::MetricFilter'));
    expect(filters.map((f) => f.Properties.LogGroupName).sort()).toEqual(
      [refOf(stack.mailer.streamFunction.logGroup), refOf(stack.mailer.sweepFunction.logGroup)].sort((a, b) =>
        a.Ref.localeCompare(b.Ref),
      ),
    );
    for (const filter of filters) expect(filter.Properties.FilterPattern).toContain(OUTBOX_GAVE_UP);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'KurGrants/dev',
      MetricName: 'OutboxEmailsGivenUp',
      Threshold: 1,
    });
  });
});

describe('SES feedback', () => {
  it('publishes bounces, complaints and rejects of the configuration set to the feedback topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: refOf(stack.mailer.configurationSet),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint', 'reject']),
        SnsDestination: { TopicARN: refOf(stack.emailFeedback.topic) },
      },
    });
  });

  it('encrypts the topic with a rotated key that SES may use for this configuration set only', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: arnOf(stack.emailFeedback.key),
    });
    const key =
      resourcesOfType('AWS::KMS::Key')[logicalId(stack.emailFeedback.key.node.defaultChild as CfnElement)];
    if (!key) throw new Error('no key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = (key.Properties.KeyPolicy as { Statement: Record<string, any>[] }).Statement;
    const ses = statements.find((s) => s.Principal?.Service === 'ses.amazonaws.com');
    expect(ses?.Action).toEqual(['kms:GenerateDataKey*', 'kms:Decrypt']);
    expect(JSON.stringify(ses?.Condition.StringEquals['aws:SourceArn'])).toContain(':configuration-set/');
  });

  it('subscribes the feedback function to the topic, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: refOf(stack.emailFeedback.topic),
      Endpoint: arnOf(stack.emailFeedback.function.function),
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack.emailFeedback.failures.queue) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: refOf(stack.emailFeedback.function.function),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack.emailFeedback.failures.queue) } },
    });
  });

  it('lets the feedback function only put markers and update statuses, and send nothing', () => {
    expect(dynamoGrantsOf(stack.emailFeedback.function.role)).toEqual([
      { action: 'dynamodb:PutItem', resource: tableArn() },
      { action: 'dynamodb:UpdateItem', resource: tableArn() },
    ]);
    expect(sesStatementsOf(stack.emailFeedback.function.role)).toEqual([]);
  });

  it('lets only administrators list e-mail problems, reading one index partition', () => {
    expect(routes.listEmailProblems).toMatchObject({ access: ['admin'], table: ['dynamodb:Query'] });
    expect(dynamoActionsOf('listEmailProblems')).toEqual(['dynamodb:Query']);
  });
});

describe('reminders', () => {
  const schedule = () => {
    const cfn = stack.reminders.schedule.node.defaultChild as CfnElement;
    return resourcesOfType('AWS::Scheduler::Schedule')[logicalId(cfn)]?.Properties as Record<string, any>;
  };

  it('runs daily at 06:00 Europe/Stockholm with a scheduled event carrying its time', () => {
    expect(schedule()).toMatchObject({
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Stockholm',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(schedule().Target.Arn).toEqual(arnOf(stack.reminders.function.function));
    expect(JSON.stringify(schedule().Target.Input)).toContain(
      '\\"time\\":\\"<aws.scheduler.scheduled-time>\\"',
    );
  });

  it('has a dead-letter queue and a retry policy on the schedule, and an on-failure queue for failed runs', () => {
    expect(schedule().Target).toMatchObject({
      DeadLetterConfig: { Arn: arnOf(stack.reminders.scheduleFailures.queue) },
      RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: refOf(stack.reminders.function.function),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack.reminders.runFailures.queue) } },
    });
  });

  it('runs up to 5 minutes with 1 GiB, knowing the table and the form', () => {
    expect(functionOf(stack.reminders.function)).toMatchObject({ Timeout: 300, MemorySize: 1024 });
    expect(variablesOf(stack.reminders.function)).toMatchObject({
      TABLE_NAME: refOf(stack.data.table),
      FORM_URL: expect.anything(),
    });
  });

  it('reads its indexes (reminders; open survey rounds; programmes, areas and grants for money at risk; applications and obligations for goal sheets), writes through transactions, deletes only old survey responses, and has no SES action at all', () => {
    const oldResponses = {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PROGRAMME#*#SURVEYRESPONSES'] },
    };
    expect(dynamoGrantsOf(stack.reminders.function.role)).toEqual([
      { action: 'dynamodb:BatchGetItem', resource: tableArn() },
      { action: 'dynamodb:ConditionCheckItem', resource: tableArn() },
      { action: 'dynamodb:DeleteItem', resource: tableArn(), condition: oldResponses },
      { action: 'dynamodb:GetItem', resource: tableArn() },
      { action: 'dynamodb:PutItem', resource: tableArn() },
      {
        action: 'dynamodb:Query',
        resource: ['reminders', 'gsi5', 'gsi1', 'riskReport', 'gsi3', 'gsi4'].map((index) =>
          indexArn(INDEXES[index as keyof typeof INDEXES].name),
        ),
      },
      { action: 'dynamodb:Query', resource: tableArn(), condition: oldResponses },
      { action: 'dynamodb:UpdateItem', resource: tableArn() },
    ]);
    const actions = statementsOfRole(stack.reminders.function.role).flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
  });
});
