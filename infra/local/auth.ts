import { errors, type JWTPayload, jwtVerify } from 'jose';
import type { LocalKeys } from './keys.ts';

/**
 * The local twin of API Gateway's JWT authorizer: verifies the bearer token against the local key
 * (signature, ES256 only, issuer, audience, expiry) and hands the claims on in API Gateway's wire
 * format, where every value is a string.
 */

export class AuthError extends Error {}

export const verifyBearer = async (
  authorization: string | undefined,
  keys: LocalKeys,
): Promise<JWTPayload> => {
  if (!authorization) throw new AuthError('A bearer token is required: Authorization: Bearer <token>.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new AuthError('The Authorization header must be "Bearer <token>".');
  try {
    const { payload } = await jwtVerify(match[1], keys.verificationKeys, {
      algorithms: ['ES256'],
      issuer: keys.issuer,
      audience: keys.audience,
      requiredClaims: ['exp', 'sub'],
    });
    return payload;
  } catch (error) {
    throw new AuthError(describe(error));
  }
};

const describe = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is not signed with an accepted algorithm.';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return 'The token is not signed by this stack.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's "${error.claim}" claim is not accepted.`;
  return 'The token is malformed.';
};

/**
 * API Gateway's rendering of a claim value: strings as they are, numbers and booleans as text, and
 * an array as ONE bracketed, space-separated string (`["admin","coordinator"]` → `"[admin coordinator]"`).
 */
export const claimToString = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimToString).join(' ')}]`;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

export const apiGatewayClaims = (payload: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimToString(value)]));

/** `scopes` as API Gateway fills it: the `scope` claim split on spaces, or null (ID tokens). */
export const apiGatewayScopes = (payload: Record<string, unknown>): string[] | null =>
  typeof payload.scope === 'string' ? payload.scope.split(' ').filter((s) => s.length > 0) : null;
