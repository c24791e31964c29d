import { randomUUID } from 'node:crypto';
import type { Application, ApplicationContent } from '../domain/application.ts';
import { compareAscii } from '../domain/compare-ascii.ts';
import { newCompletionDue } from '../domain/completion-due.ts';
import { awaitConfirmation } from '../domain/confirmations.ts';
import { decisionNotice, submissionConfirmation } from '../domain/email.ts';
import { Forbidden, NotFound, StaleVersion, ValidationFailed } from '../domain/errors.ts';
import {
  applicationCopies,
  dueDatesFor,
  type FollowUp,
  type FollowUpView,
  followUpView,
  newFollowUp,
  reanchor,
  sameRule,
} from '../domain/follow-ups.ts';
import { disbursementGuards, grantGuards, releaseGuards } from '../domain/guards.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { complete, type DecisionInput, decide, editDraft, newDraft, submit } from '../domain/lifecycle.ts';
import { underspendDeclared } from '../domain/money-emails.ts';
import type { ActivityType, Programme } from '../domain/programme.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { CompletionInput } from '../domain/rules.ts';
import { declareUnderspend, type UnderspendInput } from '../domain/underspend.ts';
import {
  type ApplicationStore,
  type AreaStore,
  type Clock,
  type FollowUpStore,
  type FollowUpWrite,
  type Idempotency,
  type Invocation,
  LostRace,
  type ProgrammeStore,
} from '../ports.ts';
import type { ApplicationBody } from '../schemas/application.ts';
import { mintLinks } from './confirmation-links.ts';
import { found, retryLostRaces } from './support.ts';

export interface ApplicationPorts {
  applications: ApplicationStore;
  programmes: ProgrammeStore;
  areas: AreaStore;
  /** Read only: an approved application's obligations, which its completion moves. */
  followUps: Pick<FollowUpStore, 'ofApplication'>;
  idempotency: Idempotency;
  clock: Clock;
  /** Where the form lives; e-mails link to it. */
  formUrl: string;
}

export interface ApplicationListQuery {
  programmeId?: string;
  areaId?: string;
  status?: string;
  limit: number;
  nextToken?: string;
}

/**
 * Application use cases: load what a decision needs, call the pure domain, write the result with
 * everything that must change with it (guards, e-mails, obligations) in one transaction, and
 * decide again when someone else won a race.
 */
export const makeApplications = ({
  applications,
  programmes,
  areas,
  followUps,
  idempotency,
  clock,
  formUrl,
}: ApplicationPorts) => {
  /** The application if the caller may see it; another area's application does not exist for them. */
  const loadVisible = async (caller: Caller, id: string): Promise<Application> => {
    const app = await applications.get(id);
    if (!app || (!isAdmin(caller) && app.areaId !== caller.areaId)) throw new NotFound('Ansökan finns inte.');
    return app;
  };
  const loadProgramme = (id: string) => found(programmes.get(id), 'Programmet finns inte.');
  const loadArea = (id: string) => found(areas.get(id), 'Området finns inte.');

  const event = (caller: Caller, action: HistoryEvent['action'], app: Application): HistoryEvent => ({
    at: clock.now().toISOString(),
    actor: caller.email || caller.sub,
    action,
    version: app.version,
  });

  const create = async (
    caller: Caller,
    body: ApplicationBody,
    idempotencyKey: string | undefined,
    invocation: Invocation,
  ) =>
    idempotency.once(
      { operation: 'createApplication', callerSub: caller.sub, key: idempotencyKey, body, invocation },
      async (requested) => {
        const content = contentFor(caller, requested);
        await Promise.all([loadProgramme(content.programmeId), loadArea(content.areaId)]);
        const app = newDraft(randomUUID(), content, clock.now());
        await applications.write({
          next: app,
          previousVersion: 0,
          event: event(caller, 'created', app),
          at: clock.now(),
        });
        return app;
      },
    );

  const replace = async (caller: Caller, id: string, ifMatch: number, body: ApplicationBody) => {
    const app = await loadVisible(caller, id);
    const content = contentFor(caller, body);
    if (content.areaId !== app.areaId) throw new Forbidden('Ansökan kan inte flyttas till ett annat område.');
    if (content.programmeId !== app.programmeId) {
      throw new ValidationFailed([
        { path: 'programmeId', message: 'Ansökan kan inte flyttas till ett annat program' },
      ]);
    }
    if (app.version !== ifMatch) throw new StaleVersion();
    const next = editDraft(app, content, clock.now());
    try {
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, 'edited', next),
        at: clock.now(),
      });
    } catch (error) {
      if (error instanceof LostRace) throw new StaleVersion();
      throw error;
    }
    return next;
  };

  const submitOne = (caller: Caller, id: string) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const [programme, area, granted] = await Promise.all([
        loadProgramme(app.programmeId),
        loadArea(app.areaId),
        programmes.grantedToArea(app.programmeId, app.areaId),
      ]);
      const submitted = submit(app, programme, granted, clock.today(), clock.now());
      if (programme.requiresConfirmation) {
        // Head office sees it only once the area manager and every partner have confirmed it.
        const waiting = awaitConfirmation(submitted, area, clock.now());
        const { links, emails } = mintLinks(waiting, area, waiting.confirmations ?? [], formUrl);
        await applications.write({
          next: waiting,
          previousVersion: app.version,
          event: event(caller, 'confirmation-requested', waiting),
          emails,
          confirmationLinks: links,
          at: clock.now(),
        });
        return waiting;
      }
      const next = submitted;
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, 'submitted', next),
        emails: [
          {
            email: submissionConfirmation(next, area, formUrl),
            source: { applicationId: id, kind: 'submitted' },
          },
        ],
        at: clock.now(),
      });
      return next;
    });

  /**
   * A decision; an approval grants atomically against the year budgets and the area cap (its
   * guards), and in the same transaction creates the obligations the programme's rules call for,
   * due from the planned ends, and the reminder to report completion by `completionDueOn`.
   */
  const decideOne = (caller: Caller, id: string, input: DecisionInput) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const [programme, area] = await Promise.all([loadProgramme(app.programmeId), loadArea(app.areaId)]);
      const now = clock.now();
      const next = decide(app, input, programme, caller.email || caller.sub, clock.today(), now);
      const approved = next.status === 'approved';
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, next.status as HistoryEvent['action'], next),
        guards: approved ? grantGuards(programme, app.areaId, next.grantedByYear ?? {}) : [],
        emails: [
          {
            email: decisionNotice(next, area, formUrl),
            source: { applicationId: id, kind: `decision-${next.status}` },
          },
        ],
        ...(approved
          ? { followUps: provisionalFollowUps(next, programme, now).map((followUp) => ({ next: followUp })) }
          : {}),
        ...(approved && next.completionDueOn
          ? {
              completionDue: {
                open: newCompletionDue({
                  application: next,
                  dueOn: next.completionDueOn,
                  reminderOffsetsDays: programme.reminderOffsetsDays,
                  now,
                }),
              },
            }
          : {}),
        at: now,
      });
      return next;
    });

  /**
   * Completion: the application becomes `completed`, its costs are disbursed from each year, its
   * obligations move to the real end dates (the same ones; created now for an application
   * approved before they were made at approval) and its completion reminder is closed — one
   * transaction.
   */
  const completeOne = (caller: Caller, id: string, input: CompletionInput) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const programme = await loadProgramme(app.programmeId);
      const now = clock.now();
      const next = complete(app, input, programme, clock.today(), now);
      const existing = await followUps.ofApplication(id);
      const moved = obligationsAtCompletion(next, existing, input.activities, programme, now);
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, 'completed', next),
        guards: disbursementGuards(app.programmeId, next.disbursedByYear ?? {}),
        followUps: moved,
        ...(app.completionDueOn ? { completionDue: { close: true } as const } : {}),
        at: now,
      });
      const today = clock.today();
      const answered: FollowUpView[] = moved
        .map(({ next: followUp }) => followUpView(followUp, today))
        .sort((a, b) => compareAscii(a.dueOn, b.dueOn) || compareAscii(a.id, b.id));
      return { ...next, followUps: answered };
    });

  /**
   * A declared underspend: the application's grant for the year, the year's granted total and the
   * area's fall by `amount` in one transaction (its release guards), with its history event and an
   * e-mail to the programme management, who can grant the money to another area.
   */
  const underspendOne = (caller: Caller, id: string, input: UnderspendInput) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const [programme, area] = await Promise.all([loadProgramme(app.programmeId), loadArea(app.areaId)]);
      const now = clock.now();
      const next = declareUnderspend(app, input, caller.email || caller.sub, clock.today(), now);
      const declared = next.underspends?.at(-1);
      await applications.write({
        next,
        previousVersion: app.version,
        event: { ...event(caller, 'underspend-declared', next), detail: `${input.year}: ${input.amount}` },
        guards: releaseGuards(app.programmeId, app.areaId, input.year, input.amount),
        emails: declared
          ? [
              {
                email: underspendDeclared(next, area, declared, programme.managementEmails, formUrl),
                source: { applicationId: id, kind: 'underspend-declared' },
              },
            ]
          : [],
        at: now,
      });
      return next;
    });

  const history = async (caller: Caller, id: string) => {
    await loadVisible(caller, id);
    return applications.history(id);
  };

  const list = (caller: Caller, query: ApplicationListQuery) => {
    if (!isAdmin(caller) && query.areaId !== undefined && query.areaId !== caller.areaId) {
      throw new Forbidden('Du kan bara se ansökningar från ditt eget område.');
    }
    const { limit, nextToken, programmeId, status } = query;
    const areaId = isAdmin(caller) ? query.areaId : caller.areaId;
    return applications.query(
      {
        ...(programmeId ? { programmeId } : {}),
        ...(areaId ? { areaId } : {}),
        ...(status ? { status } : {}),
      },
      { limit, owner: caller.sub, ...(nextToken ? { nextToken } : {}) },
    );
  };

  return {
    create,
    replace,
    submit: submitOne,
    decide: decideOne,
    complete: completeOne,
    underspend: underspendOne,
    history,
    list,
    get: loadVisible,
  };
};

export type Applications = ReturnType<typeof makeApplications>;

/** Coordinators act for the area in their token; administrators name it. */
const contentFor = (caller: Caller, body: ApplicationBody): ApplicationContent => {
  const { areaId: requested, ...rest } = body;
  if (!isAdmin(caller)) {
    if (requested !== undefined && requested !== caller.areaId) {
      throw new Forbidden('Du kan bara söka för ditt eget område.');
    }
    return { ...rest, areaId: caller.areaId as string };
  }
  if (requested === undefined) throw new ValidationFailed([{ path: 'areaId', message: 'Ange området' }]);
  return { ...rest, areaId: requested };
};

/** The obligations an approval creates: one per applicable rule, due from the planned ends. */
const provisionalFollowUps = (app: Application, programme: Programme, now: Date): FollowUp[] =>
  dueDatesFor(
    (app.activities ?? []).flatMap((a) => (a.plannedEnd ? [{ type: a.type, endedOn: a.plannedEnd }] : [])),
    programme.followUpRules,
  ).map(({ rule, dueOn }) =>
    newFollowUp({
      id: randomUUID(),
      application: app,
      rule,
      anchor: 'planned',
      dueOn,
      reminderOffsetsDays: programme.reminderOffsetsDays,
      now,
    }),
  );

/**
 * What completion writes of the obligations: each existing one moved to the real end of its
 * rule's anchor (same id, conditioned on it being as read), and one created for each applicable
 * rule that has none yet — all of them for an application approved before obligations were made
 * at approval. Never a second obligation for a rule.
 */
const obligationsAtCompletion = (
  app: Application,
  existing: readonly FollowUp[],
  ended: CompletionInput['activities'],
  programme: Programme,
  now: Date,
): FollowUpWrite[] => {
  const endedOn: Partial<Record<ActivityType, string>> = Object.fromEntries(
    ended.map((a) => [a.type, a.endedOn]),
  );
  // Every obligation that is still 'planned' is written here; with it the application's status
  // it carries becomes `completed` (those already 'actual' were made by a completion of their own).
  const moved = existing
    .filter((followUp) => followUp.anchor === 'planned')
    .map((followUp) => ({
      next: { ...reanchor(followUp, endedOn, now), ...applicationCopies(app) },
      previous: followUp,
    }));
  const created = dueDatesFor(ended, programme.followUpRules)
    .filter(({ rule }) => !existing.some((followUp) => followUp.rule && sameRule(followUp.rule, rule)))
    .map(({ rule, dueOn }) => ({
      next: newFollowUp({
        id: randomUUID(),
        application: app,
        rule,
        anchor: 'actual',
        dueOn,
        reminderOffsetsDays: programme.reminderOffsetsDays,
        now,
      }),
    }));
  return [...moved, ...created];
};
