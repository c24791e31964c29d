import { gunzipSync, gzipSync } from 'node:zlib';
import { config } from '../../shared/config.ts';
import { formPage } from '../../shared/form/page.ts';
import { packedFormScript } from '../../shared/form/script.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

/** Where presigned uploads and downloads point: the local S3 emulator, or the bucket's virtual host. */
function bucketOrigin(): string | undefined {
  const { S3_ENDPOINT, DOCUMENTS_BUCKET, AWS_REGION } = config();
  if (S3_ENDPOINT) return new URL(S3_ENDPOINT).origin;
  return DOCUMENTS_BUCKET ? `https://${DOCUMENTS_BUCKET}.s3.${AWS_REGION}.amazonaws.com` : undefined;
}

/**
 * `GET /`: the form, one page with its script inline. The script is inlined at bundling time
 * (CDK `define`, packed; see shared/form/script.ts); the page, its CSP and its gzip
 * are built once per cold start.
 */
const page = formPage({
  script: gunzipSync(Buffer.from(packedFormScript, 'base64')).toString('utf8'),
  authUrl: config().COGNITO_DOMAIN_URL,
  clientId: config().COGNITO_CLIENT_ID,
  bucketOrigin: bucketOrigin(),
});
const gzipped = gzipSync(page.html, { level: 9 }).toString('base64');

/** gzip unless the client refuses it (`gzip;q=0`) or does not list it. */
const acceptsGzip = (header: string | undefined): boolean =>
  (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });

export const handler = httpHandler(routes.form, {}, async ({ headers }) => {
  const gzip = acceptsGzip(headers['accept-encoding']);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: gzip ? gzipped : page.html,
    isBase64Encoded: gzip,
  };
});
