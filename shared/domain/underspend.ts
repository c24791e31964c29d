import type { Application } from './application.ts';
import { InvalidTransition, RuleViolation, type Violation } from './errors.ts';
import { yearEnded } from './reports.ts';
import { STATUS_LABEL, sek } from './vocabulary.ts';

/**
 * A declared underspend (issue 15, seed 002_…: most of 2014's money came back because nobody saw
 * in time that it would not be used). The area says early that an approved application will spend
 * less in a year; the grant shrinks, and the money is free for other areas before the year ends
 * instead of being repaid after it.
 */
export interface UnderspendInput {
  year: number;
  amount: number;
  reason: string;
}

/** What the application keeps of each declaration (its history names who and when as well). */
export interface DeclaredUnderspend extends UnderspendInput {
  declaredOn: string;
  declaredBy: string;
}

/** What is still granted for a year and not yet disbursed: what an underspend may give back. */
export const releasable = (app: Application, year: number): number =>
  Math.max(0, (app.grantedByYear?.[String(year)] ?? 0) - (app.disbursedByYear?.[String(year)] ?? 0));

export const underspendViolation = (year: number, available: number): Violation => ({
  rule: 'underspend-exceeds-grant',
  message:
    available > 0
      ? `För ${year} återstår ${sek(available)} av det beviljade beloppet. Ange högst så mycket.`
      : `Ansökan har inga beviljade medel kvar för ${year}.`,
  paths: ['amount'],
});

/**
 * The application after the declaration: its grant for the year is `amount` smaller (a year left
 * at nothing is no longer granted at all). Only an approved application can declare, only money
 * granted and not yet disbursed, and only for a year that has not ended (its money is repaid then).
 */
export const declareUnderspend = (
  app: Application,
  input: UnderspendInput,
  declaredBy: string,
  today: string,
  now: Date,
): Application => {
  if (app.status !== 'approved') {
    throw new InvalidTransition(
      `Ansökan är ${STATUS_LABEL[app.status]}. Bara en beviljad ansökan kan lämna tillbaka medel.`,
    );
  }
  const available = releasable(app, input.year);
  const violations: Violation[] = [];
  if (input.amount < 1 || input.amount > available)
    violations.push(underspendViolation(input.year, available));
  if (yearEnded(input.year, today)) {
    violations.push({
      rule: 'year-closed',
      message: `${input.year} är slut och det som inte användes det året betalas tillbaka. Det går inte att lämna tillbaka medel för ett år som har tagit slut.`,
      paths: ['year'],
    });
  }
  if (violations.length > 0) throw new RuleViolation(violations);
  const key = String(input.year);
  const left = (app.grantedByYear?.[key] ?? 0) - input.amount;
  const { [key]: _year, ...others } = app.grantedByYear ?? {};
  return {
    ...app,
    version: app.version + 1,
    updatedAt: now.toISOString(),
    grantedByYear: left > 0 ? { ...others, [key]: left } : others,
    underspends: [...(app.underspends ?? []), { ...input, declaredOn: today, declaredBy }],
  };
};
