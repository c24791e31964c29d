import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { KurStack } from '../../infra/stack.ts';
import { INDEX_LIST, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-schema.ts';
import { ROLES } from '../../shared/domain/roles.ts';
import { type RouteName, routeList, routes } from '../../shared/http/routes.ts';

/**
 * The deployed shape, asserted on the synthesized template. Built once per file: bundling every
 * function with esbuild is the slow part. cdk-nag's AwsSolutions rules skip HTTP APIs and TableV2
 * in places, so PITR, access logs and throttling are asserted here as well.
 */
let app: App;
let stack: KurStack;
let template: Template;
let synthError: unknown;

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

beforeAll(() => {
  app = new App();
  stack = new KurStack(app, 'KurStack', {
    env: { region: 'eu-north-1' },
    senderEmail: 'kur@example.se',
    formCallbackUrls: ['https://kur.example.se/'],
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  template = Template.fromStack(stack);
}, 120_000);

const resourcesOfType = (type: string): Record<string, Resource> =>
  template.findResources(type) as Record<string, Resource>;

const logicalId = (element: CfnElement): string => Stack.of(element).getLogicalId(element);

const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The statements of the policy attached to a route's function role. */
const statementsOf = (name: RouteName): Statement[] => {
  const role = stack.api.functions[name].role;
  const policy = role.node.findChild('DefaultPolicy').node.defaultChild as CfnElement;
  const resource = resourcesOfType('AWS::IAM::Policy')[logicalId(policy)];
  if (!resource) throw new Error(`no policy for ${name}`);
  return (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};

const dynamoActionsOf = (name: RouteName): string[] =>
  statementsOf(name)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith('dynamodb:'))
    .sort();

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
    const expected = INDEX_LIST.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection:
        index.projection === 'ALL'
          ? { ProjectionType: 'ALL' }
          : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
    }));
    expect(props.GlobalSecondaryIndexes).toEqual(expected);
  });
});

describe('functions', () => {
  it('deploys one function per route, each Node.js 24 on arm64 with active tracing', () => {
    const functions = Object.values(resourcesOfType('AWS::Lambda::Function'));
    expect(functions).toHaveLength(routeList.length);
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
    for (const fn of Object.values(resourcesOfType('AWS::Lambda::Function'))) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'MAIL_FROM', 'FORM_URL', 'POWERTOOLS_SERVICE_NAME']),
      );
      expect(variables.MAIL_FROM).toBe('kur@example.se');
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    for (const logGroup of Object.values(resourcesOfType('AWS::Logs::LogGroup'))) {
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
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
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
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
