import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  maxHeaderSize,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { problem } from '../../shared/http/problem.ts';
import { type RouteSpec, routeList } from '../../shared/http/routes.ts';
import { AuthError, apiGatewayClaims, apiGatewayScopes, bearerVerifier, type TrustedIssuer } from './auth.ts';
import type { LocalDirectory } from './directory.ts';
import { buildEvent, type HttpAnswer, lambdaContext, newRequestId, resultToAnswer } from './event.ts';
import { defaultJobs, type LocalJobs } from './jobs.ts';
import type { LocalKeys } from './keys.ts';
import { type LocalRoute, localRoutes } from './local-routes.ts';

/**
 * The local API Gateway (HTTP API, payload 2.0): dispatches with the same route table CDK deploys,
 * verifies bearer tokens like the JWT authorizer, and invokes the real handlers in this process.
 */

export type LambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<unknown>;

export interface RequestSummary {
  method: string;
  path: string;
  /** `GET /programmes`, a local route's `GET /local/outbox`, or undefined when nothing matched. */
  routeKey: string | undefined;
  statusCode: number;
}

/** Awaited, in order, after the answer is ready and before it is written (e.g. drain the outbox). */
export type AfterRequestHook = (request: RequestSummary) => Promise<void>;

export interface GatewayOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** A signing key whose tokens the authorizer trusts (tests mint their own tokens with it). */
  keys?: LocalKeys;
  /** The local user pool: the authorizer trusts its tokens and GET /local/token signs in through it. */
  directory?: LocalDirectory;
  /** The SES emulator behind GET/DELETE /local/outbox. */
  sesEndpoint: string;
  jobs?: Partial<LocalJobs>;
  afterRequest?: AfterRequestHook[];
  /** How a route's `fn` becomes a handler; by default `import('functions/<fn>.ts').handler`. */
  loadHandler?: (fn: string) => Promise<LambdaHandler>;
  /** One line per request; pass `false` to keep quiet (tests). */
  log?: ((line: string) => void) | false;
  /** API Gateway's payload limit. */
  maxBodyBytes?: number;
}

export interface Gateway {
  url: string;
  port: number;
  server: Server;
  /** Mutable: hooks may be added after start. */
  afterRequest: AfterRequestHook[];
  /** Mutable: a job may be replaced after start. */
  jobs: LocalJobs;
  /** Imports every route's handler now, so that a broken one shows at start, not at first use. */
  preload(): Promise<{ fn: string; error: unknown }[]>;
  close(): Promise<void>;
}

export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url);

export const importHandler = async (fn: string): Promise<LambdaHandler> => {
  const module = (await import(/* @vite-ignore */ new URL(`${fn}.ts`, FUNCTIONS_DIR).href)) as {
    handler?: unknown;
  };
  if (typeof module.handler !== 'function') throw new Error(`functions/${fn}.ts exports no handler`);
  return module.handler as LambdaHandler;
};

interface Template {
  path: string;
  segments: string[];
  literals: number;
}

const template = (path: string): Template => {
  const segments = path.split('/').slice(1);
  return { path, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
};

/** The path parameters when `rawPath` fits the template, else undefined. */
export const matchPath = (t: Template, rawPath: string): Record<string, string> | undefined =>
  matchParts(t, rawPath.split('/').slice(1));

/** matchPath on the path already split into its segments (once per request, not per route). */
const matchParts = (t: Template, parts: readonly string[]): Record<string, string> | undefined => {
  if (parts.length !== t.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of t.segments.entries()) {
    const part = parts[i] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (part === '') return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
};

type Candidate =
  | { kind: 'api'; route: RouteSpec; template: Template }
  | { kind: 'local'; route: LocalRoute; template: Template };

/**
 * Every route, the most specific first (most literal segments, API Gateway's rule; the sort is
 * stable, so the table's order decides among equals), grouped by segment count: a request is
 * compared with the routes that can fit it, in the order it is to be matched.
 */
const candidatesBySegments = new Map<number, Candidate[]>();
for (const candidate of [
  ...routeList.map((route) => ({ kind: 'api' as const, route, template: template(route.path) })),
  ...localRoutes.map((route) => ({ kind: 'local' as const, route, template: template(route.path) })),
].sort((a, b) => b.template.literals - a.template.literals)) {
  const length = candidate.template.segments.length;
  candidatesBySegments.set(length, [...(candidatesBySegments.get(length) ?? []), candidate]);
}

/** The most specific route for the path with this method, else the methods the path answers. */
const findRoute = (
  method: string,
  rawPath: string,
): { candidate: Candidate; params: Record<string, string> } | { allowed: string[] } | undefined => {
  const parts = rawPath.split('/').slice(1);
  const allowed = new Set<string>();
  for (const candidate of candidatesBySegments.get(parts.length) ?? []) {
    const params = matchParts(candidate.template, parts);
    if (!params) continue;
    if (candidate.route.method === method) return { candidate, params };
    allowed.add(candidate.route.method);
  }
  return allowed.size > 0 ? { allowed: [...allowed] } : undefined;
};

class BodyTooLarge extends Error {
  constructor(readonly closeConnection: boolean) {
    super('body too large');
  }
}

/** Beyond this a too-large body is not even drained: the connection is cut after the 413. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads the body; one above `limit` is drained and discarded (so the client can read the 413
 * instead of a reset connection) and rejected with BodyTooLarge.
 */
const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) return reject(new BodyTooLarge(true));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) reject(new BodyTooLarge(true));
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge(false)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });

const answerOf = (result: APIGatewayProxyStructuredResultV2): HttpAnswer => resultToAnswer(result);

const INTERNAL = (): HttpAnswer =>
  answerOf(
    problem(500, 'internal', 'Internal error', 'Something went wrong on our side. Try again shortly.'),
  );

/**
 * The answer to a request Node could not even parse (no request object exists): headers over
 * Node's limit (16 KiB) are a 431, a request that took too long to arrive a 408, anything else a
 * 400; as problem+json like every other answer, where Node alone writes a bare status line.
 */
export const clientErrorAnswer = (error: NodeJS.ErrnoException): HttpAnswer => {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return answerOf(
      problem(
        431,
        'request-header-fields-too-large',
        'Request header fields too large',
        `Anropets headers får vara högst ${maxHeaderSize / 1024} KiB tillsammans. Skicka färre eller kortare headers, till exempel färre cookies.`,
      ),
    );
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return answerOf(
      problem(408, 'request-timeout', 'Request timeout', 'Anropet kom inte fram i tid. Försök igen.'),
    );
  }
  return answerOf(problem(400, 'bad-request', 'Bad request', 'Anropet följer inte HTTP och kan inte läsas.'));
};

/** Writes an answer straight to the socket (there is no response object) and closes it. */
const writeToSocket = (socket: Socket, answer: HttpAnswer): void => {
  const head = [`HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode] ?? ''}`];
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const one of Array.isArray(value) ? value : [value]) head.push(`${name}: ${one}`);
  }
  head.push(`content-length: ${answer.body.length}`, 'connection: close');
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), answer.body]));
};

export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const jobs: LocalJobs = { ...defaultJobs(), ...options.jobs };
  const afterRequest: AfterRequestHook[] = [...(options.afterRequest ?? [])];
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const load = options.loadHandler ?? importHandler;
  const limit = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  // The pool's issuer first: a token naming neither is measured against it, as API Gateway would.
  const trusted: TrustedIssuer[] = [
    ...(options.directory ? [options.directory.trustedIssuer] : []),
    ...(options.keys ? [options.keys] : []),
  ];
  const verifyBearer = bearerVerifier(trusted);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handlerFor = (fn: string): Promise<LambdaHandler> => {
    let loaded = handlers.get(fn);
    if (!loaded) {
      loaded = load(fn);
      handlers.set(fn, loaded);
      // A handler that failed to load (not written yet, syntax error) is tried again next time.
      loaded.catch(() => handlers.delete(fn));
    }
    return loaded;
  };
  let port = 0;

  const dispatch = async (
    req: IncomingMessage,
    rawPath: string,
    body: Buffer,
    receivedAt: Date,
    requestId: string,
  ): Promise<{ answer: HttpAnswer; routeKey: string | undefined }> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const found = findRoute(method, rawPath);
    if (!found) {
      return {
        answer: answerOf(problem(404, 'not-found', 'Not found', `No route for ${method} ${rawPath}.`)),
        routeKey: undefined,
      };
    }
    if ('allowed' in found) {
      return {
        answer: answerOf(
          problem(
            405,
            'method-not-allowed',
            'Method not allowed',
            `${rawPath} answers ${found.allowed.join(', ')}, not ${method}.`,
            {},
            { allow: found.allowed.join(', ') },
          ),
        ),
        routeKey: undefined,
      };
    }
    const { candidate, params } = found;
    const routeKey = `${candidate.route.method} ${candidate.route.path}`;
    const url = req.url ?? '/';
    if (candidate.kind === 'local') {
      const queryAt = url.indexOf('?');
      const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
      const result = await candidate.route.handle({
        query,
        body,
        ...(options.keys ? { keys: options.keys } : {}),
        ...(options.directory ? { directory: options.directory } : {}),
        sesEndpoint: options.sesEndpoint,
        jobs,
      });
      return { answer: answerOf(result), routeKey };
    }

    const route = candidate.route;
    let authorizer: Parameters<typeof buildEvent>[0]['authorizer'];
    if (route.access !== 'public') {
      try {
        const payload = await verifyBearer(req.headers.authorization);
        authorizer = { claims: apiGatewayClaims(payload), scopes: apiGatewayScopes(payload) };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        return {
          answer: answerOf(
            problem(
              401,
              'unauthorized',
              'Sign-in required',
              error.message,
              {},
              { 'www-authenticate': 'Bearer' },
            ),
          ),
          routeKey,
        };
      }
    }
    const event = buildEvent({
      method,
      url,
      headers: req.headersDistinct,
      body,
      routeKey,
      pathParameters: params,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      protocol: `HTTP/${req.httpVersion}`,
      ...(authorizer ? { authorizer } : {}),
      receivedAt,
      requestId,
      port,
    });
    const handler = await handlerFor(route.fn);
    const result = await handler(event, lambdaContext(route.fn, randomUUID()));
    return { answer: resultToAnswer(result), routeKey };
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const receivedAt = new Date();
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    let answer: HttpAnswer;
    let routeKey: string | undefined;
    let closeAfter = false;
    try {
      const body = await readBody(req, limit);
      ({ answer, routeKey } = await dispatch(req, rawPath, body, receivedAt, requestId));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        closeAfter = error.closeConnection;
        answer = answerOf(
          problem(
            413,
            'payload-too-large',
            'The request body is too large',
            `API Gateway accepts at most ${limit} bytes.`,
          ),
        );
      } else {
        console.error(`[gateway] ${method} ${rawPath} failed:`, error);
        answer = INTERNAL();
      }
    }
    for (const hook of afterRequest) {
      try {
        await hook({ method, path: rawPath, routeKey, statusCode: answer.statusCode });
      } catch (error) {
        console.error(`[gateway] afterRequest hook failed after ${method} ${rawPath}:`, error);
        answer = INTERNAL();
      }
    }
    const headers: Record<string, string | string[]> = {
      ...answer.headers,
      'content-length': String(answer.body.length),
      'apigw-requestid': requestId,
      ...(closeAfter ? { connection: 'close' } : {}),
    };
    res.writeHead(answer.statusCode, headers);
    res.end(answer.body);
    log(`${method} ${url} → ${answer.statusCode} (${Math.round(performance.now() - started)} ms)`);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error) => {
      console.error('[gateway] could not answer:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's own handler: a reset or closed socket, or one already answering, is just closed.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = clientErrorAnswer(error);
    writeToSocket(socket, answer);
    log(`(unreadable request: ${error.code ?? 'unknown'}) → ${answer.statusCode}`);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    afterRequest,
    jobs,
    preload: async () => {
      const failures: { fn: string; error: unknown }[] = [];
      for (const fn of new Set(routeList.map((r) => r.fn))) {
        try {
          await handlerFor(fn);
        } catch (error) {
          failures.push({ fn, error });
        }
      }
      return failures;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
