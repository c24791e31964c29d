import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { checkPostPolicy, errorXml, type PolicyRefusal } from './s3-post-policy.ts';

/**
 * The local S3: s3rver (files under --dir) behind a small front that does what s3rver leaves out
 * and our uploads rely on: it checks a browser upload's POST policy (s3-post-policy.ts) and the
 * expiry of presigned GETs before s3rver sees them. Run as its own process (engines.ts starts it
 * in its own process group); prints `ready` once it answers.
 *
 *   node --import tsx infra/local/s3-emulator.ts --port 4569 --dir .local/s3 --bucket kur-documents \
 *     --cors-origin http://localhost:3000
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    dir: { type: 'string' },
    bucket: { type: 'string' },
    'cors-origin': { type: 'string' },
  },
});
const port = Number(values.port);
const bucket = values.bucket ?? 'kur-documents';
const corsOrigin = values['cors-origin'] ?? 'http://localhost:3000';
/** The same credentials every local client uses (the DynamoDB and SES clients' too). */
const LOCAL_KEY = { accessKeyId: 'local', secretAccessKey: 'local' };
/** Larger than any allowed upload with its form, so that the policy's own limit is what refuses. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const require = createRequire(import.meta.url);
type S3rverServer = { run(): Promise<{ port: number }>; close(): Promise<void> };
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;
// s3rver only knows its built-in key pair; ours is added to its one account.
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};
DUMMY_ACCOUNT.createKeyPair(LOCAL_KEY.accessKeyId, LOCAL_KEY.secretAccessKey);

// CORS as the deployed bucket has it: POST (upload) and GET (download) from the form's origin only.
const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>${corsOrigin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

const inner = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: values.dir,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});
const { port: innerPort } = await inner.run();

const readBody = async (request: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

const answerRefusal = (request: IncomingMessage, response: ServerResponse, refusal: PolicyRefusal) => {
  // The browser may read the refusal only if its origin is the allowed one (as S3 answers CORS).
  const origin = request.headers.origin;
  response.writeHead(refusal.status, {
    'content-type': 'application/xml',
    ...(origin && (corsOrigin === '*' || origin === corsOrigin)
      ? { 'access-control-allow-origin': origin, vary: 'Origin' }
      : {}),
  });
  response.end(errorXml(refusal));
};

/** The refusal S3 would give a browser upload, if any. */
const checkUpload = async (request: IncomingMessage, body: Buffer): Promise<PolicyRefusal | undefined> => {
  const form = await new Request('http://local/', {
    method: 'POST',
    headers: { 'content-type': request.headers['content-type'] ?? '' },
    body,
  })
    .formData()
    .catch(() => undefined);
  if (!form)
    return { status: 400, code: 'MalformedPOSTRequest', message: 'The body is not multipart/form-data.' };
  const fields = new Map<string, string>();
  let fileSize = -1;
  for (const [name, value] of form) {
    if (name === 'file') fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
    else if (typeof value === 'string') fields.set(name, value);
  }
  if (fileSize < 0)
    return { status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file.' };
  const postedTo = decodeURIComponent(
    new URL(request.url ?? '/', 'http://local').pathname.split('/')[1] ?? '',
  );
  return checkPostPolicy(
    { bucket: postedTo, fields, fileSize },
    {
      secrets: (id) => (id === LOCAL_KEY.accessKeyId ? LOCAL_KEY.secretAccessKey : undefined),
      now: new Date(),
    },
  );
};

/** A presigned GET past its `X-Amz-Date` + `X-Amz-Expires`: S3 refuses it (s3rver does not look). */
const expired = (url: URL): boolean => {
  const date = url.searchParams.get('X-Amz-Date');
  const seconds = Number(url.searchParams.get('X-Amz-Expires'));
  if (!date || !seconds) return false;
  const signedAt = Date.parse(
    date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  return signedAt + seconds * 1000 < Date.now();
};

const front = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await readBody(request) : undefined;
    if (hasBody && body === undefined)
      return answerRefusal(request, response, {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
      });
    if (
      method === 'POST' &&
      request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data') &&
      body
    ) {
      const refusal = await checkUpload(request, body);
      if (refusal) return answerRefusal(request, response, refusal);
    }
    if ((method === 'GET' || method === 'HEAD') && expired(url))
      return answerRefusal(request, response, {
        status: 403,
        code: 'AccessDenied',
        message: 'Request has expired',
      });

    const answer = await fetch(`http://127.0.0.1:${innerPort}${request.url ?? '/'}`, {
      method,
      redirect: 'manual',
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name, value]) =>
            typeof value === 'string' && !['content-length', 'host', 'connection'].includes(name),
        ),
      ) as Record<string, string>,
      ...(hasBody && body ? { body } : {}),
    });
    response.writeHead(
      answer.status,
      Object.fromEntries(
        [...answer.headers].filter(
          ([name]) =>
            !['transfer-encoding', 'content-encoding', 'connection'].includes(name) &&
            // A HEAD answer has no body to measure: keep the object's length (HeadObject reads it).
            (name !== 'content-length' || method === 'HEAD'),
        ),
      ),
    );
    response.end(method === 'HEAD' ? undefined : Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(String(error));
  }
});
await new Promise<void>((resolve) => front.listen(port, '127.0.0.1', resolve));
process.stdout.write('ready\n');

const stop = () => {
  front.closeAllConnections();
  front.close();
  inner.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
