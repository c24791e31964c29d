/**
 * The secret key that signs page tokens (shared/adapters/dynamodb/pages.ts), so that a caller can
 * neither forge nor alter one.
 *
 * Deployed, it is a Secrets Manager secret the stack generates; its ARN is in
 * PAGE_TOKEN_SECRET_ARN, set only on the functions whose routes page (`secrets: ['pageTokens']`
 * in shared/http/routes.ts), which alone may read it. Locally and in tests the key itself is in
 * PAGE_TOKEN_KEY (the local stack keeps one under .local/keys; each test run makes its own).
 *
 * Read on the first token minted or checked, then kept for the life of the process (one read per
 * cold start): functions that never page never call Secrets Manager.
 */

/** The key itself (local stack and tests). */
export const PAGE_TOKEN_KEY_ENV = 'PAGE_TOKEN_KEY';
/** The ARN of the secret holding the key (deployed). */
export const PAGE_TOKEN_SECRET_ARN_ENV = 'PAGE_TOKEN_SECRET_ARN';

/** Shorter keys are refused: an HMAC-SHA256 key should carry at least 256 bits. */
const MIN_KEY_LENGTH = 32;

const checked = (key: string | undefined, source: string): Buffer => {
  if (!key || key.length < MIN_KEY_LENGTH) {
    throw new Error(
      `The page token key from ${source} is missing or shorter than ${MIN_KEY_LENGTH} characters`,
    );
  }
  return Buffer.from(key, 'utf8');
};

const load = async (): Promise<Buffer> => {
  const local = process.env[PAGE_TOKEN_KEY_ENV];
  if (local) return checked(local, PAGE_TOKEN_KEY_ENV);
  const secretArn = process.env[PAGE_TOKEN_SECRET_ARN_ENV];
  if (!secretArn) throw new Error(`Neither ${PAGE_TOKEN_KEY_ENV} nor ${PAGE_TOKEN_SECRET_ARN_ENV} is set`);
  // Loaded here, not at the top: functions that never page never even initialise the client.
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    return checked(SecretString, 'Secrets Manager');
  } finally {
    client.destroy();
  }
};

let key: Promise<Buffer> | undefined;

/** The key, read once per process; a failed read is tried again on the next call. */
export const pageTokenKey = (): Promise<Buffer> => {
  key ??= load().catch((error: unknown) => {
    key = undefined;
    throw error;
  });
  return key;
};
