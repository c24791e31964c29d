import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KurStack } from '../../infra/stack.ts';
import { type RouteName, routeList } from '../../shared/http/routes.ts';

/**
 * The documents bucket as synthesized: private, encrypted, TLS only, versioned, tiered, logged,
 * retained, CORS for the form only; each route's function gets exactly the bucket actions its
 * route lists (and the bucket's name), no other function any.
 */
let app: App;
let stack: KurStack;
let template: Template;

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

beforeAll(() => {
  app = new App();
  stack = new KurStack(app, 'KurStack', {
    env: { region: 'eu-north-1' },
    senderEmail: 'kur@example.se',
    formCallbackUrls: ['https://kur.example.se/ansokan/'],
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  template = Template.fromStack(stack);
}, 300_000);

const logicalId = (element: IConstruct): string =>
  Stack.of(element).getLogicalId(element.node.defaultChild as CfnElement);
const resource = (type: string, construct: IConstruct): Resource => {
  const found = (template.findResources(type) as Record<string, Resource>)[logicalId(construct)];
  if (!found) throw new Error(`no ${type} for ${construct.node.path}`);
  return found;
};
const bucket = () => resource('AWS::S3::Bucket', stack.documents.bucket);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statementsOf = (name: RouteName): Statement[] => {
  const role = stack.api.functions[name].role;
  const policy = role.node.tryFindChild('DefaultPolicy');
  if (!policy) return [];
  return (resource('AWS::IAM::Policy', policy).Properties.PolicyDocument as { Statement: Statement[] })
    .Statement;
};
const s3StatementsOf = (name: RouteName) =>
  statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
const variablesOf = (name: RouteName) =>
  (
    resource('AWS::Lambda::Function', stack.api.functions[name].function).Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe('documents bucket', () => {
  it('passes cdk-nag with every finding fixed or acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it('is private, encrypted, versioned and retained, with its requests logged to a log bucket', () => {
    const { Properties, DeletionPolicy } = bucket();
    expect(DeletionPolicy).toBe('Retain');
    expect(Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Properties.LoggingConfiguration).toMatchObject({
      DestinationBucketName: { Ref: logicalId(stack.documents.logBucket) },
    });
    expect(resource('AWS::S3::Bucket', stack.documents.logBucket).DeletionPolicy).toBe('Retain');
  });

  it('moves documents to Standard-IA after 30 days and expires old versions', () => {
    expect(bucket().Properties.LifecycleConfiguration).toEqual({
      Rules: [
        expect.objectContaining({
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
          NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        }),
      ],
    });
  });

  it('refuses every request without TLS', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy') as Record<string, Resource>;
    const ours = Object.values(policies).find(
      (p) =>
        JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(stack.documents.bucket) }),
    );
    if (!ours) throw new Error('the documents bucket has no bucket policy');
    const statements = (ours.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('lets browsers POST uploads and GET downloads from the form origins only', () => {
    expect(bucket().Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST', 'GET'],
          AllowedOrigins: [stack.resolve(stack.api.httpApi.apiEndpoint), 'https://kur.example.se'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3000,
        },
      ],
    });
  });
});

describe('bucket grants from the route table', () => {
  it("gives each route's function exactly its listed S3 actions and the bucket's name; other functions none (the form: the name only, for its CSP)", () => {
    const bucketRef = { Ref: logicalId(stack.documents.bucket) };
    for (const route of routeList) {
      const statements = s3StatementsOf(route.name);
      const actions = statements.flatMap(actionsOf).sort();
      expect(actions, route.name).toEqual([...(route.bucket ?? [])].sort());
      expect(variablesOf(route.name).DOCUMENTS_BUCKET, route.name).toEqual(
        route.bucket || route.name === 'form' ? bucketRef : undefined,
      );
      for (const statement of statements) {
        const onObjects = actionsOf(statement).some((a) => a !== 's3:ListBucket');
        // Objects under followups/ only; ListBucket on the bucket itself.
        expect(JSON.stringify(statement.Resource), route.name).toContain(
          onObjects ? '/followups/*' : logicalId(stack.documents.bucket),
        );
      }
    }
    expect(s3StatementsOf('uploadDocument').flatMap(actionsOf)).toEqual(['s3:PutObject']);
    expect(s3StatementsOf('downloadDocument').flatMap(actionsOf)).toEqual(['s3:GetObject']);
  });
});
