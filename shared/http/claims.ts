import { type Caller, ROLES, type Role } from '../domain/roles.ts';

/**
 * API Gateway's JWT authorizer hands every claim over as a string; an array claim such as
 * `cognito:groups` arrives as one bracketed, space-separated string: `"[admin coordinator]"`.
 * Groups are compared as whole names, so a group called `admins` never passes as `admin`.
 */
export const parseGroups = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  const inner = claim.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter((g) => g.length > 0);
};

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
