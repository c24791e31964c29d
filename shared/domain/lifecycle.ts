import {
  type Application,
  type ApplicationContent,
  type DecisionOutcome,
  isEditable,
} from './application.ts';
import { completionDueOn } from './completion-due.ts';
import { InvalidTransition, RuleViolation, ValidationFailed } from './errors.ts';
import { completionReportDaysOf, type Programme } from './programme.ts';
import { approvalRules, byRule, type CompletionInput, completionRules, submitRules } from './rules.ts';
import { STATUS_LABEL } from './vocabulary.ts';

/**
 * The application lifecycle: draft → submitted → approved | rejected | returned (→ edited and
 * submitted again); approved → completed. Pure functions: each takes the current application and
 * returns the next one, or throws the typed error the API answers with.
 */

const notNow = (app: Application, action: string) =>
  new InvalidTransition(`Ansökan är ${STATUS_LABEL[app.status]} och kan inte ${action}.`);

export const newDraft = (id: string, content: ApplicationContent, now: Date): Application => ({
  ...content,
  id,
  status: 'draft',
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

export const editDraft = (app: Application, content: ApplicationContent, now: Date): Application => {
  if (!isEditable(app.status)) throw notNow(app, 'ändras');
  const { id, status, version, createdAt, submittedAt, decision } = app;
  return {
    ...content,
    id,
    status,
    version: version + 1,
    createdAt,
    updatedAt: now.toISOString(),
    ...(submittedAt ? { submittedAt } : {}),
    ...(decision ? { decision } : {}),
  };
};

export const submit = (
  app: Application,
  programme: Programme,
  grantedToArea: number,
  today: string,
  now: Date,
): Application => {
  if (!isEditable(app.status)) throw notNow(app, 'skickas in');
  const violations = byRule(submitRules(app, programme, grantedToArea, today));
  if (violations.length > 0) throw new RuleViolation(violations);
  return {
    ...app,
    status: 'submitted',
    version: app.version + 1,
    updatedAt: now.toISOString(),
    submittedAt: now.toISOString(),
  };
};

export interface DecisionInput {
  outcome: DecisionOutcome;
  grantedByYear?: Record<string, number>;
  comment?: string;
}

/**
 * Decides a submitted application. Approval re-checks the application's rules and the grant
 * against the request and the calendar; whether the year budgets and the area cap still have
 * room is for the transaction that records it. An approval fixes when completion is due.
 */
export const decide = (
  app: Application,
  input: DecisionInput,
  programme: Programme,
  decidedBy: string,
  today: string,
  now: Date,
): Application => {
  if (app.status !== 'submitted') throw notNow(app, 'beslutas');
  const decision = {
    outcome: input.outcome,
    ...(input.comment ? { comment: input.comment } : {}),
    decidedOn: today,
    decidedBy,
  };
  const next = { ...app, version: app.version + 1, updatedAt: now.toISOString() };
  if (input.outcome !== 'approved') return { ...next, status: input.outcome, decision };
  if (!input.grantedByYear) {
    throw new ValidationFailed([{ path: 'grantedByYear', message: 'Ange beviljat belopp per år' }]);
  }
  const violations = byRule(approvalRules(app, input.grantedByYear, programme, today));
  if (violations.length > 0) throw new RuleViolation(violations);
  const grantedByYear = Object.fromEntries(
    Object.entries(input.grantedByYear).filter(([, amount]) => amount > 0),
  );
  const dueOn = completionDueOn(app.activities, completionReportDaysOf(programme));
  return {
    ...next,
    status: 'approved',
    decision: { ...decision, grantedByYear },
    grantedByYear,
    ...(dueOn ? { completionDueOn: dueOn } : {}),
  };
};

/**
 * Records that the activities have ended and what they actually cost: the application becomes
 * `completed` and its costs per year become what was disbursed.
 */
export const complete = (
  app: Application,
  input: CompletionInput,
  programme: Programme,
  today: string,
  now: Date,
) => {
  if (app.status !== 'approved') throw notNow(app, 'slutrapporteras');
  const violations = completionRules(app, input, programme, today);
  if (violations.length > 0) throw new RuleViolation(violations);
  const disbursedByYear: Record<string, number> = {};
  for (const cost of input.costs)
    disbursedByYear[String(cost.year)] = (disbursedByYear[String(cost.year)] ?? 0) + cost.amount;
  return {
    ...app,
    status: 'completed' as const,
    version: app.version + 1,
    updatedAt: now.toISOString(),
    completion: { activities: input.activities, costs: input.costs, reportedOn: today },
    disbursedByYear,
  };
};
