import { type Caller, ROLES, type Role } from '../domain/roles.ts';

/**
 * API Gateway's JWT authorizer hands every claim over as a string; an array claim such as
 * `cognito:groups` arrives as one bracketed, space-separated string: `"[admin coordinator]"`.
 * Cognito group names hold no whitespace but may hold commas, so the string is split on whitespace
 * only (`"[readonly,admin]"` is the one group `readonly,admin`) and groups are compared as whole
 * names: neither `admins` nor `readonly,admin` passes as `admin`.
 */
export const parseGroups = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  const trimmed = claim.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/\s+/).filter((g) => g.length > 0);
};

/**
 * Whether the claims are those of a Cognito ID token. API Gateway's authorizer cannot tell an ID
 * token from an access token (both pass its checks), but only the ID token carries the user's
 * attributes (`email`, `custom:areaId`), so the API accepts nothing else.
 */
export const isIdToken = (claims: Record<string, unknown>): boolean => claims.token_use === 'id';

const isRole = (group: string): group is Role => (ROLES as readonly string[]).includes(group);

/** The caller, or undefined when the claims do not name a user with a known role. */
export const callerFromClaims = (claims: Record<string, unknown> | undefined): Caller | undefined => {
  if (!claims) return undefined;
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const roles = parseGroups(claims['cognito:groups']).filter(isRole);
  const email = typeof claims.email === 'string' ? claims.email : '';
  const areaId = claims['custom:areaId'];
  return {
    sub,
    email,
    roles,
    ...(typeof areaId === 'string' && areaId.length > 0 ? { areaId } : {}),
  };
};
