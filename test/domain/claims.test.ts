import { describe, expect, it } from 'vitest';
import { callerFromClaims, parseGroups } from '../../shared/http/claims.ts';

describe('reading the caller from JWT authorizer claims', () => {
  it('parses the bracketed string API Gateway makes of an array claim', () => {
    expect(parseGroups('[admin coordinator]')).toEqual(['admin', 'coordinator']);
    expect(parseGroups('[admin]')).toEqual(['admin']);
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups(['admin'])).toEqual(['admin']);
    expect(parseGroups(undefined)).toEqual([]);
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

  it('knows no caller without a subject', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
    expect(callerFromClaims({ 'cognito:groups': '[admin]' })).toBeUndefined();
  });
});
