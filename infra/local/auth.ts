import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';

/**
 * The local twin of API Gateway's HTTP API JWT authorizer, check for check, so that what passes
 * locally passes deployed and the other way round
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * - the header holds the token alone or prefixed with `Bearer `;
 * - the header names a `kid` of the trusted key set, and the signature verifies (RS256 as
 *   Cognito signs; the tests' own key signs ES256);
 * - `iss` is the issuer (API Gateway trusts one; the tests add their own key as a second);
 * - `aud`, or `client_id` when there is no `aud`, is the audience;
 * - `exp` is after now, `nbf` and `iat` (when present) are not after now.
 * Like API Gateway it cannot tell an ID token from an access token; the API refuses access tokens
 * itself (shared/http/middleware/authorize.ts). It hands the claims on in API Gateway's wire
 * format, where every value is a string.
 */

export class AuthError extends Error {}

/** An issuer the authorizer trusts: API Gateway's `issuer` and `audience`, and where its keys are. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  algorithms: string[];
  verificationKeys: JWTVerifyGetKey;
}

export const verifyBearer = async (
  authorization: string | undefined,
  trusted: readonly TrustedIssuer[],
): Promise<JWTPayload> => {
  const token = tokenOf(authorization);
  try {
    if (typeof decodeProtectedHeader(token).kid !== 'string')
      throw new AuthError('The token names no key ("kid").');
    // Chosen by the unverified `iss`, then verified against that issuer's keys alone.
    const claimed = decodeJwt(token).iss;
    const keys = trusted.find((candidate) => candidate.issuer === claimed) ?? trusted[0];
    if (!keys) throw new AuthError('No issuer is trusted.');
    const { payload } = await jwtVerify(token, keys.verificationKeys, {
      algorithms: keys.algorithms,
      issuer: keys.issuer,
      requiredClaims: ['exp'],
    });
    checkAudience(payload, keys.audience);
    checkIssuedAt(payload);
    return payload;
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError(describe(error));
  }
};

export interface BearerVerifierOptions {
  /** Verified tokens remembered at most; beyond it the oldest is forgotten. */
  maxEntries?: number;
  /** How long a signature check is trusted: jose's own cache of a remote key set lives this long. */
  maxAgeMs?: number;
}

/**
 * verifyBearer for one set of trusted issuers, remembering each Authorization header it has
 * accepted. A signature check (ECDSA or RSA through WebCrypto) is most of what the gateway spends
 * on a GET, and its outcome for the same bytes and the same keys cannot change. Of the other
 * checks only `exp` depends on time in a way that can turn a pass into a refusal, so a remembered
 * token is accepted only while jose would still find it unexpired; any other header (or a
 * remembered one past its time) is verified in full, and only verifyBearer ever refuses.
 */
export const bearerVerifier = (
  trusted: readonly TrustedIssuer[],
  { maxEntries = 1000, maxAgeMs = 10 * 60_000 }: BearerVerifierOptions = {},
): ((authorization: string | undefined) => Promise<JWTPayload>) => {
  const verified = new Map<string, { payload: JWTPayload; exp: number; at: number }>();
  return async (authorization) => {
    const now = Date.now();
    const remembered = authorization === undefined ? undefined : verified.get(authorization);
    // jose's rule: expired once `exp <= now` in whole seconds. A clock set back is checked afresh.
    if (
      remembered &&
      remembered.exp > Math.floor(now / 1000) &&
      now >= remembered.at &&
      now - remembered.at < maxAgeMs
    )
      return remembered.payload;
    if (remembered && authorization !== undefined) verified.delete(authorization);
    const payload = await verifyBearer(authorization, trusted);
    if (authorization !== undefined && typeof payload.exp === 'number') {
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
      verified.set(authorization, { payload, exp: payload.exp, at: now });
    }
    return payload;
  };
};

/** API Gateway takes the header's value as the token, with or without a `Bearer ` prefix. */
const tokenOf = (authorization: string | undefined): string => {
  const value = authorization?.trim() ?? '';
  if (!value) throw new AuthError('A bearer token is required: Authorization: Bearer <token>.');
  const token = value.replace(/^Bearer\s+/i, '');
  if (/\s/.test(token) || /^Bearer$/i.test(token))
    throw new AuthError('The Authorization header must hold one token, optionally after "Bearer ".');
  return token;
};

/** `aud` decides when present (a string or a list); only without it does `client_id` count. */
const checkAudience = (payload: JWTPayload, audience: string): void => {
  const accepted =
    payload.aud !== undefined
      ? (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).includes(audience)
      : payload.client_id === audience;
  if (!accepted) throw new AuthError('The token is not meant for this API ("aud" or "client_id").');
};

/** jose checks `iat` only for a maximum age; API Gateway also refuses one in the future. */
const checkIssuedAt = (payload: JWTPayload): void => {
  if (payload.iat !== undefined && payload.iat > Math.floor(Date.now() / 1000))
    throw new AuthError('The token\'s "iat" claim is in the future.');
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
