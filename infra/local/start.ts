import { rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from './create-table.ts';
import { connectLocalDirectory, LOCAL_DIRECTORY_FILE, type LocalDirectory } from './directory.ts';
import {
  type Engine,
  startCognitoEmulator,
  startDynamoDbLocal,
  startS3Emulator,
  startSesEmulator,
} from './engines.ts';
import type { Gateway } from './gateway.ts';
import { drainAfterRequest, type OutboxDrain, startOutboxDrain } from './outbox-drain.ts';
import { loadOrCreatePageTokenKey } from './page-token-key.ts';

/**
 * `npm start` (`npm start -- --fresh` wipes the stored table data and documents first): DynamoDB
 * Local with its data under .local/dynamodb, the SES emulator, the S3 emulator with the documents
 * under .local/s3, the table, and the local gateway on PORT (3000).
 * Ctrl-C or SIGTERM stops everything; the engines run in their own process groups and are stopped
 * as groups, so no java process outlives the stack.
 */

const started = performance.now();
// Before any handler is imported: handlers get the local stack's fixable clock (PUT /local/clock)
// and the form's script bundled now (./local-modules.mjs).
register('./local-modules.mjs', import.meta.url);

const root = fileURLToPath(new URL('../../', import.meta.url));
const localDir = `${root}.local`;
const dataDir = `${localDir}/dynamodb`;
const s3Dir = `${localDir}/s3`;
const DOCUMENTS_BUCKET = 'kur-documents';
const keysDir = `${localDir}/keys`;
const cognitoDir = `${localDir}/cognito`;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const region = process.env.AWS_REGION ?? 'eu-north-1';
const TABLE_NAME = 'kur-local';
const fresh = process.argv.includes('--fresh');

const engines: Engine[] = [];
const stopped = new Set<Engine>();
const pending: Promise<unknown>[] = [];
let gateway: Gateway | undefined;
let outbox: OutboxDrain | undefined;
let directory: LocalDirectory | undefined;
let stopping: Promise<void> | undefined;
let firstSignalAt = 0;

const stopEngines = (): Promise<unknown> =>
  Promise.allSettled(
    engines
      .filter((engine) => !stopped.has(engine))
      .map((engine) => {
        stopped.add(engine);
        // Signals the engine's process group at once (synchronously), then waits for it to exit.
        return engine.stop();
      }),
  );

const stop = (): Promise<void> => {
  stopping ??= (async () => {
    directory?.close();
    rmSync(LOCAL_DIRECTORY_FILE, { force: true });
    await Promise.allSettled([gateway?.close(), outbox?.close(), stopEngines()]);
    // Engines still starting are stopped as soon as they run.
    await Promise.allSettled(pending);
    await stopEngines();
  })();
  return stopping;
};

const shutdown = (signal: string): void => {
  if (stopping) {
    // npm and tsx relay the terminal's Ctrl-C, so one keypress arrives several times: only a
    // second Ctrl-C a moment later means "leave now" (the engines were signalled already).
    if (Date.now() - firstSignalAt < 1500) return;
    console.log(`\n${signal} again: leaving without waiting for the engines to exit.`);
    process.exit(130);
  }
  firstSignalAt = Date.now();
  console.log(`\n${signal}: stopping the local stack…`);
  stop().then(
    () => {
      console.log('Stopped.');
      process.exit(0);
    },
    (error) => {
      console.error('Could not stop cleanly:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));

/** Fail in a second, not after Java has started, when the port is taken. */
const assertPortFree = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use; start with another one: PORT=3001 npm start`)
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });

/** Every engine is recorded the moment it runs, so that a Ctrl-C during start-up stops it too. */
const startEngine = (starting: Promise<Engine>): Promise<Engine> => {
  const running = starting.then((engine) => {
    engines.push(engine);
    return engine;
  });
  pending.push(running.catch(() => {}));
  return running;
};

const main = async (): Promise<void> => {
  await assertPortFree();
  if (fresh) {
    for (const dir of [dataDir, s3Dir, cognitoDir]) rmSync(dir, { recursive: true, force: true });
    console.log(`--fresh: removed ${dataDir}, ${s3Dir} and ${cognitoDir}`);
  }
  const formUrl = `http://localhost:${port}/`;
  const mailFrom = process.env.MAIL_FROM ?? 'kur@example.se';
  const [dynamo, ses, s3] = await Promise.all([
    startEngine(startDynamoDbLocal({ dataDir })),
    startEngine(startSesEmulator()),
    // Uploads come from the form's page only (CORS), as deployed.
    startEngine(
      startS3Emulator({ bucket: DOCUMENTS_BUCKET, corsOrigin: new URL(formUrl).origin, dataDir: s3Dir }),
    ),
  ]);
  if (stopping) return;
  // The user pool e-mails its invitations through the SES emulator, so it starts after it.
  const cognito = await startEngine(
    startCognitoEmulator({ sesEndpoint: ses.endpoint, mailFrom, signInUrl: formUrl, dataDir: cognitoDir }),
  );
  if (stopping) return;
  directory = await connectLocalDirectory(cognito.endpoint);
  writeFileSync(
    LOCAL_DIRECTORY_FILE,
    `${JSON.stringify({ endpoint: cognito.endpoint, userPoolId: directory.userPoolId }, null, 2)}\n`,
  );

  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, TABLE_NAME);
  client.destroy();

  // What CDK sets on each deployed function; it must be in place before any handler is imported.
  Object.assign(process.env, {
    TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    S3_ENDPOINT: s3.endpoint,
    DOCUMENTS_BUCKET,
    COGNITO_ENDPOINT: cognito.endpoint,
    USER_POOL_ID: directory.userPoolId,
    MAIL_FROM: mailFrom,
    FORM_URL: formUrl,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Deployed, a Secrets Manager secret of the stack signs page tokens; locally a key kept beside the JWT key.
    PAGE_TOKEN_KEY: loadOrCreatePageTokenKey(keysDir),
  });
  process.env.POWERTOOLS_SERVICE_NAME ??= 'kur-local';
  // Metrics go to CloudWatch deployed; locally they would only fill the terminal.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

  // The mailer's stream path, locally: every answer waits until the e-mails it caused are sent.
  outbox = await startOutboxDrain({
    tableName: TABLE_NAME,
    endpoint: dynamo.endpoint,
    region,
    keepAliveMs: 5 * 60_000,
  });
  if (stopping) return;
  const { startGateway } = await import('./gateway.ts');
  gateway = await startGateway({
    port,
    host,
    directory,
    sesEndpoint: ses.endpoint,
    afterRequest: [drainAfterRequest(outbox)],
  });
  if (stopping) return;
  const failures = await gateway.preload();
  for (const { fn, error } of failures) {
    console.warn(`! functions/${fn}.ts does not load yet (its route answers 500): ${String(error)}`);
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
KUR local stack is up (${seconds} s)${fresh ? ', starting empty' : ''}.
  Form        ${formUrl}
  API         ${formUrl}   (e.g. ${formUrl}health; routes: shared/http/routes.ts)
  SES inbox   ${ses.endpoint}/   (or GET ${formUrl}local/outbox)
  DynamoDB    ${dynamo.endpoint}   table ${TABLE_NAME}, data in ${dataDir}
  S3          ${s3.endpoint}   bucket ${DOCUMENTS_BUCKET}, files in ${s3Dir}
  Cognito     ${cognito.endpoint}   user pool ${directory.userPoolId}, users in ${cognitoDir}

A token (an ID token of the local user pool; GET /local/token signs the picked user in, creating them):
  TOKEN=$(curl -s '${formUrl}local/token?role=admin&email=admin@example.se' | sed -E 's/.*"token":"([^"]+)".*/\\1/')
  TOKEN=$(curl -s '${formUrl}local/token?role=coordinator&areaId=karlstad&email=anna@example.se' | sed -E 's/.*"token":"([^"]+)".*/\\1/')
  curl -H "Authorization: Bearer $TOKEN" ${formUrl}programmes

Clock: curl -X PUT ${formUrl}local/clock -H 'content-type: application/json' -d '{"now":"2015-03-01"}'
       curl -X DELETE ${formUrl}local/clock
Ctrl-C stops everything.
`);
};

main().catch(async (error) => {
  console.error(`The local stack did not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop();
  process.exit(1);
});
