import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What S3 checks of a browser upload (a POST of a form with a signed policy), for the local S3
 * emulator: s3rver stores whatever is posted and ignores the policy, so the emulator's front
 * (s3-emulator.ts) checks it first, as S3 does: the signature (SigV4 over the base64 policy), the
 * expiry, every condition (exact and `starts-with` matches, `content-length-range`), and that no
 * form field goes unmentioned by the policy. The answers follow S3's codes and statuses.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */

export interface PolicyRefusal {
  status: number;
  code: string;
  message: string;
}

export interface PostUpload {
  /** The bucket the form was posted to (from the URL path). */
  bucket: string;
  /** The form's text fields, by name as sent. */
  fields: ReadonlyMap<string, string>;
  /** Bytes of the `file` field. */
  fileSize: number;
}

const refuse = (status: number, code: string, message: string): PolicyRefusal => ({ status, code, message });
const denied = (message: string) => refuse(403, 'AccessDenied', `Invalid according to Policy: ${message}`);

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** SigV4's signing key, then the signature of the base64 policy text. */
export const signPolicy = (policy: string, secret: string, date: string, region: string): string => {
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(policy).digest('hex');
};

/** Form fields that need no condition of their own. */
const exempt = (name: string) =>
  ['policy', 'x-amz-signature', 'file'].includes(name) || name.startsWith('x-ignore-');

type Condition = Record<string, unknown> | unknown[];

export const checkPostPolicy = (
  upload: PostUpload,
  { secrets, now }: { secrets: (accessKeyId: string) => string | undefined; now: Date },
): PolicyRefusal | undefined => {
  // S3 matches form field names case-insensitively.
  const fields = new Map([...upload.fields].map(([name, value]) => [name.toLowerCase(), value]));
  // The bucket a condition names is the one posted to, whatever a form field says.
  fields.set('bucket', upload.bucket);
  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!policy || !signature || !credential)
    return refuse(403, 'AccessDenied', 'Anonymous uploads are not allowed.');
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    return refuse(400, 'InvalidRequest', 'Only AWS4-HMAC-SHA256 is supported.');
  const [accessKeyId = '', date = '', region = '', service, terminator] = credential.split('/');
  const secret = secrets(accessKeyId);
  if (!secret) return refuse(403, 'InvalidAccessKeyId', 'The access key does not exist.');
  if (service !== 's3' || terminator !== 'aws4_request')
    return refuse(400, 'AuthorizationQueryParametersError', 'The credential scope is malformed.');
  const expected = Buffer.from(signPolicy(policy, secret, date, region));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return refuse(403, 'SignatureDoesNotMatch', 'The request signature does not match.');

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return refuse(400, 'InvalidPolicyDocument', 'The policy is not valid JSON.');
  }
  const expiration = typeof document.expiration === 'string' ? Date.parse(document.expiration) : Number.NaN;
  if (Number.isNaN(expiration)) return refuse(400, 'InvalidPolicyDocument', 'The policy has no expiration.');
  if (expiration < now.getTime()) return denied('Policy expired.');
  if (!Array.isArray(document.conditions))
    return refuse(400, 'InvalidPolicyDocument', 'The policy has no conditions.');

  const covered = new Set<string>();
  for (const condition of document.conditions as Condition[]) {
    const failed = denied(`Policy Condition failed: ${JSON.stringify(condition)}`);
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (fields.get(name.toLowerCase()) !== value) return failed;
      }
      continue;
    }
    const op = String(condition[0]).toLowerCase();
    if (op === 'content-length-range') {
      const [, min, max] = condition;
      if (upload.fileSize < Number(min))
        return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
      if (upload.fileSize > Number(max))
        return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      continue;
    }
    const [, subject, expected] = condition;
    const name = String(subject).replace(/^\$/, '').toLowerCase();
    covered.add(name);
    const value = fields.get(name) ?? '';
    const matches =
      op === 'eq' ? value === expected : op === 'starts-with' ? value.startsWith(String(expected)) : false;
    if (!matches) return failed;
  }
  const extra = [...fields.keys()].filter((name) => !exempt(name) && !covered.has(name) && name !== 'bucket');
  if (extra.length > 0) return denied(`Extra input fields: ${extra.join(', ')}`);
  return undefined;
};

/** S3's error body. */
export const errorXml = ({ code, message }: PolicyRefusal): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')}</Message></Error>`;
