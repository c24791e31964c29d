import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_BUNDLING, functionEntry, PROJECT_ROOT } from '../../infra/constructs/kur-function.ts';

/**
 * Bundles a function as CDK does (NodejsFunction with FUNCTION_BUNDLING: the same esbuild flags),
 * with a metafile, so that the bytes measured are the bytes deployed, split into the AWS SDK's
 * part and the rest.
 */

export interface Bundle {
  /** The bundle (index.mjs) with its source map beside it, as in the deployed asset. */
  file: string;
  bytes: number;
  /** Bytes of the bundle that come from the AWS SDK (@aws-sdk, @smithy, @aws-crypto and the SDK's own dependencies). */
  sdkBytes: number;
  /** The AWS SDK packages bundled (clients and helpers), for a minimal handler with the same. */
  sdkPackages: string[];
  /** Bytes per package (or `(our code)`), largest first. */
  byPackage: { name: string; bytes: number }[];
}

const SDK_PACKAGE = /^(@aws-sdk|@smithy|@aws-crypto|@aws)\/|^(fast-xml-parser|strnum|tslib|bowser|uuid)$/;

/** `node_modules/@aws-sdk/client-s3/dist-es/…` → `@aws-sdk/client-s3`; our own files → `(our code)`. */
export const packageOf = (path: string): string => {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) return '(our code)';
  const [first = '', second = ''] = path.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
};

export const isSdkPackage = (name: string): boolean => SDK_PACKAGE.test(name);

/** Packages whose presence means the function builds that client (or presigner). */
const CLIENT_PACKAGE = /^@aws-sdk\/(client-|lib-|s3-request-presigner|s3-presigned-post)/;

const flags = FUNCTION_BUNDLING;

export const bundle = async (
  entry: string,
  outDir: string,
  define: Record<string, string> = {},
  /** Where bare imports resolve from when the entry lies outside the project (the minimal handler). */
  nodePaths: string[] = [],
): Promise<Bundle> => {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: flags.format,
    target: flags.target,
    outfile: file,
    minify: flags.minify,
    sourcemap: flags.sourceMap,
    sourcesContent: flags.sourcesContent,
    mainFields: flags.mainFields,
    banner: { js: flags.banner },
    external: flags.externalModules,
    define,
    nodePaths,
    metafile: true,
    logLevel: 'error',
  });
  const meta = result.metafile as Metafile;
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith('index.mjs'))?.[1];
  if (!output) throw new Error(`esbuild wrote no index.mjs for ${entry}`);
  const perPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(path);
    perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput);
  }
  const byPackage = [...perPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    file,
    bytes: statSync(file).size,
    sdkBytes: byPackage.filter((p) => isSdkPackage(p.name)).reduce((sum, p) => sum + p.bytes, 0),
    sdkPackages: byPackage
      .map((p) => p.name)
      .filter((name) => CLIENT_PACKAGE.test(name))
      .sort(),
    byPackage,
  };
};

export const bundleFunction = (fn: string, outDir: string, define?: Record<string, string>) =>
  bundle(functionEntry(fn), join(outDir, fn), define);

/**
 * The smallest handler that has the same SDK clients as a function: each client built at module
 * scope (as ours are on first use), a handler that answers at once.
 */
const MINIMAL_IMPORTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb':
    "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'; keep(new DynamoDBClient({}), GetItemCommand);",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as DocumentsBase } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'; keep(DynamoDBDocumentClient.from(new DocumentsBase({})), GetCommand);",
  '@aws-sdk/client-ses':
    "import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses'; keep(new SESClient({}), SendRawEmailCommand);",
  '@aws-sdk/client-sesv2':
    "import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2'; keep(new SESv2Client({}), SendEmailCommand);",
  '@aws-sdk/client-s3':
    "import { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3'; keep(new S3Client({}), HeadObjectCommand);",
  '@aws-sdk/s3-request-presigner':
    "import { getSignedUrl } from '@aws-sdk/s3-request-presigner'; keep(getSignedUrl);",
  '@aws-sdk/s3-presigned-post':
    "import { createPresignedPost } from '@aws-sdk/s3-presigned-post'; keep(createPresignedPost);",
  '@aws-sdk/client-secrets-manager':
    "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager'; keep(new SecretsManagerClient({}), GetSecretValueCommand);",
  '@aws-sdk/client-cognito-identity-provider':
    "import { CognitoIdentityProviderClient, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider'; keep(new CognitoIdentityProviderClient({}), AdminGetUserCommand);",
};

/**
 * What a minimal handler is built on: `bare`, the SDK clients and nothing else; `stack`, the same
 * clients the way every function of this stack must have them — captured by the Powertools Tracer
 * and answered through middy with the shared observability middlewares (logger, tracer, metrics).
 * The stack's floor is what the targets compare against: the brief decides middy and Powertools for
 * every function, so their bytes are no route's to save; what a route adds on top of them is.
 */
export type Baseline = 'bare' | 'stack';

const OBSERVABILITY = join(PROJECT_ROOT, 'shared', 'observability.ts');

/** The minimal handler's source for these SDK packages. */
export const minimalHandlerSource = (sdkPackages: string[], baseline: Baseline = 'bare'): string => {
  const lines = sdkPackages.map((name) => {
    const line = MINIMAL_IMPORTS[name];
    if (!line) throw new Error(`No minimal handler for ${name}: add it to MINIMAL_IMPORTS`);
    return line;
  });
  const answer = 'async () => ({ statusCode: 200, body: String(kept.length) })';
  return baseline === 'bare'
    ? [
        'const kept = [];',
        'const keep = (...values) => kept.push(...values);',
        ...lines,
        `export const handler = ${answer};`,
      ].join('\n')
    : [
        "import middy from '@middy/core';",
        `import { observability, tracer } from ${JSON.stringify(OBSERVABILITY)};`,
        'const kept = [];',
        // Clients (they have a middleware stack) are captured, as the adapters capture theirs.
        'const keep = (...values) => kept.push(...values.map((v) => (v?.middlewareStack ? tracer.captureAWSv3Client(v) : v)));',
        ...lines,
        `export const handler = middy().use(observability(() => undefined)).handler(${answer});`,
      ].join('\n');
};

/** Bundles the minimal handler for these SDK packages (with the functions' bundling settings). */
export const bundleMinimal = async (
  sdkPackages: string[],
  outDir: string,
  baseline: Baseline = 'bare',
): Promise<Bundle> => {
  const dir = join(
    outDir,
    `minimal-${baseline}-${sdkPackages.map((p) => p.replace(/^@aws-sdk\//, '')).join('+') || 'none'}`,
  );
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, minimalHandlerSource(sdkPackages, baseline));
  return bundle(entry, join(dir, 'out'), {}, [join(PROJECT_ROOT, 'node_modules')]);
};
