import { describe, expect, it } from 'vitest';
import { checkPostPolicy, signPolicy } from '../../infra/local/s3-post-policy.ts';

/**
 * The local S3's upload check (s3rver itself ignores POST policies): what the API's presigned
 * uploads rely on S3 to refuse must be refused locally too.
 */
const SECRET = 'local';
const NOW = new Date('2026-12-01T10:00:00Z');
const secrets = (id: string) => (id === 'local' ? SECRET : undefined);

const form = (
  conditions: unknown[],
  { expiration = '2026-12-01T10:15:00Z', fields = {} as Record<string, string>, secret = SECRET } = {},
) => {
  const policy = Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
  const all: Record<string, string> = {
    key: 'followups/f/d',
    'Content-Type': 'application/pdf',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'local/20261201/eu-north-1/s3/aws4_request',
    'X-Amz-Date': '20261201T100000Z',
    Policy: policy,
    'X-Amz-Signature': signPolicy(policy, secret, '20261201', 'eu-north-1'),
    ...fields,
  };
  return new Map(Object.entries(all));
};

const pinned = [
  { bucket: 'docs' },
  { key: 'followups/f/d' },
  ['eq', '$Content-Type', 'application/pdf'],
  ['content-length-range', 1, 100],
  { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
  { 'X-Amz-Credential': 'local/20261201/eu-north-1/s3/aws4_request' },
  { 'X-Amz-Date': '20261201T100000Z' },
];
const check = (fields: Map<string, string>, fileSize = 10) =>
  checkPostPolicy({ bucket: 'docs', fields, fileSize }, { secrets, now: NOW });

describe('the local S3 checks a browser upload as S3 does', () => {
  it('accepts an upload that meets every condition', () => {
    expect(check(form(pinned))).toBeUndefined();
  });

  it('refuses a policy signed with another secret', () => {
    expect(check(form(pinned, { secret: 'other' }))?.code).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired policy', () => {
    expect(check(form(pinned, { expiration: '2026-12-01T09:59:59Z' }))).toMatchObject({
      status: 403,
      message: 'Invalid according to Policy: Policy expired.',
    });
  });

  it('refuses a field the policy does not mention, and a field that differs from its condition', () => {
    expect(check(form(pinned, { fields: { 'x-amz-meta-extra': 'x' } }))?.message).toContain(
      'Extra input fields: x-amz-meta-extra',
    );
    expect(check(form(pinned, { fields: { 'Content-Type': 'text/html' } }))?.status).toBe(403);
  });

  it('refuses a file outside content-length-range', () => {
    expect(check(form(pinned), 101)?.code).toBe('EntityTooLarge');
    expect(check(form(pinned), 0)?.code).toBe('EntityTooSmall');
    expect(check(form(pinned), 100)).toBeUndefined();
  });
});
