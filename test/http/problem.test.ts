import { describe, expect, it } from 'vitest';
import { RetryLater, RuleViolation } from '../../shared/domain/errors.ts';
import { problemResponse } from '../../shared/http/problem.ts';

describe('problem+json answers', () => {
  it('never shows an unexpected error’s message, name or stack to the client', () => {
    const error = new TypeError('Cannot read properties of undefined (reading "anna@fk.se")');
    const answer = problemResponse(error);
    expect(answer.statusCode).toBe(500);
    expect(answer.headers?.['content-type']).toContain('application/problem+json');
    expect(answer.body).not.toMatch(/anna|TypeError|Cannot read|at /);
    expect(JSON.parse(answer.body as string)).toMatchObject({ status: 500, code: 'internal' });
  });

  it('lists every violation and asks to retry a conflict later', () => {
    const violations = [
      { rule: 'missing-partner' as const, message: 'Saknas: regionen.', paths: ['partners'] },
      { rule: 'ineligible-cost' as const, message: 'Lokaler…', paths: ['budget.1.category'] },
    ];
    expect(JSON.parse(problemResponse(new RuleViolation(violations)).body as string)).toMatchObject({
      status: 422,
      code: 'rule-violation',
      violations,
    });
    const later = problemResponse(new RetryLater('Försök igen.'));
    expect(later.statusCode).toBe(503);
    expect(later.headers?.['retry-after']).toBe('1');
  });
});
