import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

/**
 * The local stand-in for the Cognito user pool: one ES256 key pair that signs the tokens of
 * GET /local/token and that the gateway's authorizer verifies. `npm start` keeps it under
 * `.local/keys/` (so tokens survive restarts); tests use a fresh in-memory pair.
 */

export const LOCAL_ISSUER = 'http://localhost/kur-local';
export const LOCAL_AUDIENCE = 'kur-local';
/** Tokens live as long as a working day; their validity follows real time, never the fixed clock. */
export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const ALG = 'ES256';

export type LocalRole = 'admin' | 'coordinator';

export interface TokenOptions {
  email?: string;
  /** Required for coordinators. */
  areaId?: string;
  /** Seconds until expiry; negative gives an already expired token (tests). */
  expiresIn?: number;
  /**
   * Extra or overriding claims, `iss`, `aud` and `exp` included (tests); a claim given as undefined
   * is left out (an access token has `client_id` and no `aud`).
   */
  claims?: JWTPayload & Record<string, unknown>;
}

export interface LocalKeys {
  issuer: string;
  audience: string;
  algorithms: string[];
  kid: string;
  /** The public key set the authorizer trusts (also answered at GET /local/jwks.json). */
  jwks: JSONWebKeySet;
  verificationKeys: ReturnType<typeof createLocalJWKSet>;
  /** Signs a token with the claims Cognito puts in an ID token, `token_use: "id"` included. */
  token(role: LocalRole, options?: TokenOptions): Promise<string>;
}

export const DEFAULT_EMAIL: Record<LocalRole, string> = {
  admin: 'admin@example.se',
  coordinator: 'coordinator@example.se',
};

/** A stable, UUID-shaped `sub` per e-mail address (Cognito's subs are UUIDs). */
export const subForEmail = (email: string): string => {
  const hex = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const build = async (privateJwk: JWK, publicJwk: JWK): Promise<LocalKeys> => {
  const kid = publicJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const publicWithKid: JWK = { ...publicJwk, kid, alg: ALG, use: 'sig' };
  const jwks: JSONWebKeySet = { keys: [publicWithKid] };
  const privateKey = (await importJWK(privateJwk, ALG)) as CryptoKey;
  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    algorithms: [ALG],
    kid,
    jwks,
    verificationKeys: createLocalJWKSet(jwks),
    token: async (role, options = {}) => {
      const email = options.email ?? DEFAULT_EMAIL[role];
      const sub = subForEmail(email);
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload & Record<string, unknown> = {
        sub,
        email,
        email_verified: true,
        'cognito:username': sub,
        'cognito:groups': [role],
        ...(options.areaId !== undefined ? { 'custom:areaId': options.areaId } : {}),
        token_use: 'id',
        auth_time: now,
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        iat: now,
        exp: now + (options.expiresIn ?? TOKEN_LIFETIME_SECONDS),
        ...options.claims,
      };
      const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
      return new SignJWT(present).setProtectedHeader({ alg: ALG, kid, typ: 'JWT' }).sign(privateKey);
    },
  };
};

const generate = async (): Promise<{ privateJwk: JWK; publicJwk: JWK }> => {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...publicJwk, kid } };
};

/** A fresh key pair kept in memory only. */
export const createLocalKeys = async (): Promise<LocalKeys> => {
  const { privateJwk, publicJwk } = await generate();
  return build(privateJwk, publicJwk);
};

/** The key pair under `dir` (private.jwk.json, jwks.json), created on first use. */
export const loadOrCreateLocalKeys = async (dir: string): Promise<LocalKeys> => {
  const privatePath = join(dir, 'private.jwk.json');
  const jwksPath = join(dir, 'jwks.json');
  if (existsSync(privatePath) && existsSync(jwksPath)) {
    const privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK;
    const stored = JSON.parse(readFileSync(jwksPath, 'utf8')) as JSONWebKeySet;
    const publicJwk = stored.keys.find((k) => k.kid === privateJwk.kid) ?? stored.keys[0];
    if (publicJwk) return build(privateJwk, publicJwk);
  }
  const { privateJwk, publicJwk } = await generate();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(privatePath, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  const keys = await build(privateJwk, publicJwk);
  writeFileSync(jwksPath, `${JSON.stringify(keys.jwks, null, 2)}\n`);
  return keys;
};
