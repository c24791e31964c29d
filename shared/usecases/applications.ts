import { randomUUID } from 'node:crypto';
import type { Application, ApplicationContent } from '../domain/application.ts';
import { decisionNotice, submissionConfirmation } from '../domain/email.ts';
import { Forbidden, NotFound, StaleVersion, ValidationFailed } from '../domain/errors.ts';
import { obligationsFor } from '../domain/follow-ups.ts';
import { disbursementGuards, grantGuards } from '../domain/guards.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { complete, type DecisionInput, decide, editDraft, newDraft, submit } from '../domain/lifecycle.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { CompletionInput } from '../domain/rules.ts';
import {
  type ApplicationStore,
  type AreaStore,
  type Clock,
  type Idempotency,
  type Invocation,
  LostRace,
  type ProgrammeStore,
  type StoredFollowUp,
} from '../ports.ts';
import type { ApplicationBody } from '../schemas/application.ts';
import { found, retryLostRaces } from './support.ts';

export interface ApplicationPorts {
  applications: ApplicationStore;
  programmes: ProgrammeStore;
  areas: AreaStore;
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
      const next = submit(app, programme, granted, clock.now());
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

  /** A decision; an approval grants atomically against the year budgets and the area cap (its guards). */
  const decideOne = (caller: Caller, id: string, input: DecisionInput) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const [programme, area] = await Promise.all([loadProgramme(app.programmeId), loadArea(app.areaId)]);
      const next = decide(app, input, programme, caller.email || caller.sub, clock.today(), clock.now());
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, next.status as HistoryEvent['action'], next),
        guards:
          next.status === 'approved' ? grantGuards(programme, app.areaId, next.grantedByYear ?? {}) : [],
        emails: [
          {
            email: decisionNotice(next, area, formUrl),
            source: { applicationId: id, kind: `decision-${next.status}` },
          },
        ],
        at: clock.now(),
      });
      return next;
    });

  /**
   * Completion: the application becomes `completed`, its costs are disbursed from each year, and
   * the follow-up obligations its programme's rules call for are created — one transaction.
   */
  const completeOne = (caller: Caller, id: string, input: CompletionInput) =>
    retryLostRaces(async () => {
      const app = await loadVisible(caller, id);
      const programme = await loadProgramme(app.programmeId);
      const now = clock.now();
      const next = complete(app, input, programme, clock.today(), now);
      const followUps: StoredFollowUp[] = obligationsFor(input.activities, programme).map(
        ({ kind, dueOn }) => ({
          id: randomUUID(),
          applicationId: id,
          programmeId: app.programmeId,
          areaId: app.areaId,
          kind,
          dueOn,
          status: 'pending',
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          remindersSent: [],
          reminderOffsetsDays: programme.reminderOffsetsDays,
        }),
      );
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller, 'completed', next),
        guards: disbursementGuards(app.programmeId, next.disbursedByYear ?? {}),
        followUps,
        at: now,
      });
      return {
        ...next,
        followUps: followUps.map(({ reminderOffsetsDays: _offsets, ...followUp }) => followUp),
      };
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
