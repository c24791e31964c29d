/**
 * Runtime configuration, read once from the environment on first use (the composition root and
 * the adapters' clients ask for it) and handed down from there. Deployed, CDK sets these; locally,
 * the local stack and the tests set them before the first request. Plain checks, no zod: the
 * mailer and the reminder job would otherwise carry a schema library just to read six variables.
 */
export interface Config {
  TABLE_NAME: string;
  AWS_REGION: string;
  /** Set only locally (DynamoDB Local). */
  DYNAMODB_ENDPOINT?: string;
  /** Set only locally (the SES emulator). */
  SES_ENDPOINT?: string;
  MAIL_FROM: string;
  SES_CONFIGURATION_SET?: string;
  /** Where the form lives; e-mails link to it. */
  FORM_URL: string;
  /** The form's sign-in, deployed: the Cognito hosted UI and the form's app client. Locally absent. */
  COGNITO_DOMAIN_URL?: string;
  COGNITO_CLIENT_ID?: string;
  /** The private bucket of follow-up documents; required only by the functions that presign or check them. */
  DOCUMENTS_BUCKET?: string;
  /** Set only locally (the S3 emulator). */
  S3_ENDPOINT?: string;
  /** The user pool; required only by the functions that administer users. */
  USER_POOL_ID?: string;
  /** Set only locally (the Cognito emulator). */
  COGNITO_ENDPOINT?: string;
}

type Env = Record<string, string | undefined>;

const isUrl = (value: string) => URL.canParse(value);

/** Validates the environment; every problem is named at once, so a misconfigured function fails at its first request with all of them. */
export const readConfig = (env: Env): Config => {
  const problems: string[] = [];
  const text = (name: string, fallback?: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : fallback;
  };
  const url = (name: string, fallback?: string): string | undefined => {
    const value = text(name, fallback);
    if (value !== undefined && !isUrl(value)) problems.push(`${name} is not a URL`);
    return value;
  };
  const tableName = text('TABLE_NAME');
  if (!tableName) problems.push('TABLE_NAME is required');
  const config: Config = {
    TABLE_NAME: tableName ?? '',
    AWS_REGION: text('AWS_REGION', 'eu-north-1') as string,
    MAIL_FROM: text('MAIL_FROM', 'kur@example.se') as string,
    FORM_URL: url('FORM_URL', 'http://localhost:3000/') as string,
  };
  const optional = {
    DYNAMODB_ENDPOINT: url('DYNAMODB_ENDPOINT'),
    SES_ENDPOINT: url('SES_ENDPOINT'),
    SES_CONFIGURATION_SET: text('SES_CONFIGURATION_SET'),
    COGNITO_DOMAIN_URL: url('COGNITO_DOMAIN_URL'),
    COGNITO_CLIENT_ID: text('COGNITO_CLIENT_ID'),
    DOCUMENTS_BUCKET: text('DOCUMENTS_BUCKET'),
    S3_ENDPOINT: url('S3_ENDPOINT'),
    USER_POOL_ID: text('USER_POOL_ID'),
    COGNITO_ENDPOINT: url('COGNITO_ENDPOINT'),
  };
  if (problems.length > 0) throw new Error(`Configuration: ${problems.join('; ')}`);
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(config, { [name]: value });
  }
  return config;
};

let current: Config | undefined;

/** The process's configuration, read from `process.env` the first time it is asked for. */
export const config = (): Config => {
  current ??= readConfig(process.env);
  return current;
};
