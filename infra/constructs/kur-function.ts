import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { metricsNamespace } from '../../shared/metric-names.ts';

/** The repository root (the lock file and tsconfig.json live there). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The entry file of a function below functions/, e.g. `programmes/put` → `<root>/functions/programmes/put.ts`. */
export const functionEntry = (fn: string): string =>
  fileURLToPath(new URL(`../../functions/${fn}.ts`, import.meta.url));

/** Node 24 runs ESM bundles; bundled CommonJS dependencies still call `require` for built-ins. */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __kurCreateRequire } from 'node:module'; const require = __kurCreateRequire(import.meta.url);";

/**
 * How every function is bundled; the benchmarks (test/bench/bundles.ts) bundle with the same
 * settings, so that what they measure is what deploys.
 */
export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_SHIM,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
} satisfies BundlingOptions;

/**
 * The metrics namespace of the stack a construct is in: KurStack names it after its stage
 * (`KurGrants/<stage>`), so that two stages in one account never mix their figures.
 */
export const metricsNamespaceOf = (scope: IConstruct): string =>
  (Stack.of(scope) as Partial<{ metricsNamespace: string }>).metricsNamespace ?? metricsNamespace('dev');

export interface KurFunctionProps {
  /** Entry below functions/ without extension; the file exports `handler`. */
  readonly fn: string;
  readonly description: string;
  /** Powertools service name (logs, traces, metrics). */
  readonly serviceName: string;
  /** The function's own variables; NODE_OPTIONS and the Powertools settings are added here. */
  readonly environment: Record<string, string>;
  /** @default 15 seconds (the HTTP API gives up after 30). */
  readonly timeout?: Duration;
  /** @default 512 MiB */
  readonly memorySize?: number;
  /** Identifiers esbuild replaces with these values (JSON text) while bundling. */
  readonly define?: Record<string, string>;
  /** Concurrency set aside for (and capping) this function. @default none: the account's pool */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * Every Lambda function of the project, built one way: Node.js 24 on arm64, bundled locally by
 * esbuild (minified ESM with source maps, the AWS SDK bundled in so that the version we test is the
 * version that runs), X-Ray tracing, Powertools' settings (service, the stage's metrics namespace),
 * a log group of its own with a retention that outlives the stack, and a role of its own
 * that starts with nothing but writing to that log group. Callers grant the rest (least privilege).
 *
 * Later constructs (Mailer, Reminders, Reports) build their functions with this as well.
 */
export class KurFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: KurFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      // Kept when the stack is deleted: what happened stays readable for its retention (an agency
      // must be able to answer for it); the retention still deletes old lines.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role instead of the default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group of the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.fn}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: functionEntry(props.fn),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespaceOf(this),
      },
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      bundling: {
        ...FUNCTION_BUNDLING,
        ...(props.define ? { define: props.define } : {}),
      },
    });

    // Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords on `*` to the role.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; ' +
        'CDK adds exactly these two actions for active tracing.',
    });
  }
}
