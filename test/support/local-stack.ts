import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { connectLocalDirectory, type LocalDirectory } from '../../infra/local/directory.ts';
import { type Engine, startCognitoEmulator, startSesEmulator } from '../../infra/local/engines.ts';
import {
  type AfterRequestHook,
  type Gateway,
  type GatewayOptions,
  startGateway,
} from '../../infra/local/gateway.ts';
import type { LocalJobs } from '../../infra/local/jobs.ts';
import {
  createLocalKeys,
  type LocalKeys,
  type LocalRole,
  loadOrCreateLocalKeys,
  type TokenOptions,
} from '../../infra/local/keys.ts';
import { clearOutbox, type OutboxEmail, readOutbox } from '../../infra/local/outbox.ts';
import { drainAfterRequest, type OutboxDrain, startOutboxDrain } from '../../infra/local/outbox-drain.ts';

/**
 * The local stack inside a test file: the real gateway on a free port, in front of the real
 * handlers, on the test run's DynamoDB Local and this file's own table (test/support/table-per-file.ts
 * has set TABLE_NAME and the endpoints before the file's imports).
 *
 *   const stack = await startLocalStack();
 *   afterAll(() => stack.stop());
 *   await fetch(`${stack.url}/programmes`, { headers: { authorization: `Bearer ${await stack.token('admin')}` } });
 */

export interface LocalStackOptions {
  /**
   * A private SES emulator for this file (in this process) instead of the run's shared one, so
   * that the outbox holds only this file's e-mails. Handlers read SES_ENDPOINT when first imported,
   * so start the stack before anything imports shared/config.ts (the gateway imports handlers
   * lazily; do not import handlers statically in such a file).
   */
  ownOutbox?: boolean;
  /** Keep the key pair in this directory; default: a fresh in-memory key pair. */
  keysDir?: string;
  jobs?: Partial<LocalJobs>;
  afterRequest?: AfterRequestHook[];
  /**
   * Drain the outbox after every request, as `npm start` does (default true), so that
   * `outbox()` right after a request shows its e-mails.
   */
  drainOutbox?: boolean;
  loadHandler?: GatewayOptions['loadHandler'];
  maxBodyBytes?: number;
  /** Log one line per request (default off). */
  log?: boolean;
  /**
   * A user pool of its own on a Cognito emulator (in its own process group), as `npm start` has:
   * the users routes administer it, GET /local/token signs in through it, and the gateway trusts
   * its tokens besides this stack's key. Its invitations go to this stack's SES emulator. Set it
   * before anything imports shared/config.ts, like `ownOutbox`.
   */
  directory?: boolean;
}

export interface LocalStack {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** A bearer token signed by this stack's key (what GET /local/token answers). */
  token(role: LocalRole, options?: TokenOptions): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for the role. */
  authHeader(role: LocalRole, options?: TokenOptions): Promise<{ authorization: string }>;
  outbox(): Promise<OutboxEmail[]>;
  clearOutbox(): Promise<void>;
  sesEndpoint: string;
  tableName: string;
  keys: LocalKeys;
  /** The user pool (with `directory: true`). */
  directory: LocalDirectory | undefined;
  gateway: Gateway;
  /** The outbox drain behind the afterRequest hook (undefined with `drainOutbox: false`). */
  outboxDrain: OutboxDrain | undefined;
  stop(): Promise<void>;
}

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const tableName = process.env.TABLE_NAME;
  const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
  if (!tableName || !dynamoEndpoint) {
    throw new Error('startLocalStack needs the vitest setup (test/support/table-per-file.ts) to have run');
  }
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

  let ownSes: Engine | undefined;
  if (options.ownOutbox) {
    ownSes = await startSesEmulator();
    process.env.SES_ENDPOINT = ownSes.endpoint;
    // The emulator's store lives in the module: start from empty even if this process ran another file.
    await clearOutbox(ownSes.endpoint);
  }
  const sesEndpoint = ownSes?.endpoint ?? process.env.SES_ENDPOINT ?? inject('sesEndpoint');
  const cognito = options.directory ? await startCognitoEmulator({ sesEndpoint }) : undefined;
  const directory = cognito ? await connectLocalDirectory(cognito.endpoint) : undefined;
  if (cognito && directory) {
    process.env.COGNITO_ENDPOINT = cognito.endpoint;
    process.env.USER_POOL_ID = directory.userPoolId;
  }
  if (options.ownOutbox || options.directory) {
    const { config } = await import('../../shared/config.ts');
    const read = config();
    if (read.SES_ENDPOINT !== sesEndpoint || read.USER_POOL_ID !== process.env.USER_POOL_ID) {
      directory?.close();
      await Promise.all([ownSes?.stop(), cognito?.stop()]);
      throw new Error(
        'ownOutbox, directory: shared/config.ts was imported before startLocalStack; start the stack first (beforeAll)',
      );
    }
  }
  const keys = options.keysDir ? await loadOrCreateLocalKeys(options.keysDir) : await createLocalKeys();
  // Started after SES_ENDPOINT is final: it imports the mailer, which reads the configuration.
  const outboxDrain =
    options.drainOutbox === false
      ? undefined
      : await startOutboxDrain({
          tableName,
          endpoint: dynamoEndpoint,
          region: process.env.AWS_REGION ?? 'eu-north-1',
        });
  const gateway = await startGateway({
    port: 0,
    keys,
    ...(directory ? { directory } : {}),
    sesEndpoint,
    log: options.log ? undefined : false,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    afterRequest: [...(outboxDrain ? [drainAfterRequest(outboxDrain)] : []), ...(options.afterRequest ?? [])],
    ...(options.loadHandler ? { loadHandler: options.loadHandler } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  return {
    url: gateway.url,
    token: (role, tokenOptions) => keys.token(role, tokenOptions),
    authHeader: async (role, tokenOptions) => ({
      authorization: `Bearer ${await keys.token(role, tokenOptions)}`,
    }),
    outbox: () => readOutbox(sesEndpoint),
    clearOutbox: () => clearOutbox(sesEndpoint),
    sesEndpoint,
    tableName,
    keys,
    directory,
    gateway,
    outboxDrain,
    stop: async () => {
      await gateway.close();
      await outboxDrain?.close();
      directory?.close();
      await cognito?.stop();
      await ownSes?.stop();
    },
  };
};

/** A temporary directory for a test's key pair (keysDir). */
export const tempKeysDir = (): string => mkdtempSync(join(tmpdir(), 'kur-keys-'));
