import { describe, expect, it } from 'vitest';
import { callerFromClaims, isIdToken, parseGroups } from '../../shared/http/claims.ts';

describe('reading the caller from JWT authorizer claims', () => {
  it('parses the bracketed string API Gateway makes of an array claim', () => {
    expect(parseGroups('[admin coordinator]')).toEqual(['admin', 'coordinator']);
    expect(parseGroups('[admin]')).toEqual(['admin']);
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups(['admin'])).toEqual(['admin']);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it("splits API Gateway's string on whitespace only: a comma is part of a group name", () => {
    expect(parseGroups('[readonly,admin]')).toEqual(['readonly,admin']);
    expect(parseGroups('[admin\tcoordinator]')).toEqual(['admin', 'coordinator']);
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[readonly,admin]' })?.roles).toEqual([]);
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': ['readonly,admin'] })?.roles).toEqual([]);
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[admin, coordinator]' })?.roles).toEqual([
      'coordinator',
    ]);
  });

  it('gives a caller every role their groups name', () => {
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[admin coordinator]' })?.roles).toEqual([
      'admin',
      'coordinator',
    ]);
  });

  it('strips the brackets only as a pair', () => {
    expect(parseGroups('[admin')).toEqual(['[admin']);
    expect(parseGroups('admin]')).toEqual(['admin]']);
  });

  it('compares whole group names, so look-alike groups grant nothing', () => {
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[admins admin-readonly]' })?.roles).toEqual([]);
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[xadmin coordinator]' })?.roles).toEqual([
      'coordinator',
    ]);
  });

  it('carries the coordinator area from custom:areaId', () => {
    expect(
      callerFromClaims({
        sub: 'u2',
        email: 'a@fk.se',
        'cognito:groups': '[coordinator]',
        'custom:areaId': 'karlstad',
      }),
    ).toEqual({ sub: 'u2', email: 'a@fk.se', roles: ['coordinator'], areaId: 'karlstad' });
  });

  it('tells a Cognito ID token from an access token by token_use', () => {
    expect(isIdToken({ sub: 'u1', token_use: 'id' })).toBe(true);
    expect(isIdToken({ sub: 'u1', token_use: 'access', client_id: 'kur' })).toBe(false);
    expect(isIdToken({ sub: 'u1' })).toBe(false);
  });

  it('knows no caller without a subject', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
    expect(callerFromClaims({ 'cognito:groups': '[admin]' })).toBeUndefined();
  });
});
