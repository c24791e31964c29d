import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import {
  failedExtras,
  getApplication,
  grantedToArea,
  queryApplications,
  readHistory,
  writeApplication,
} from '../adapters/dynamodb/applications-table.ts';
import { areasTable } from '../adapters/dynamodb/areas-table.ts';
import { followUpPut, type StoredFollowUp } from '../adapters/dynamodb/follow-ups-table.ts';
import { disbursementActions, grantActions, ProgrammeChanged } from '../adapters/dynamodb/grants.ts';
import { idempotentOperation } from '../adapters/dynamodb/idempotency.ts';
import { outboxPut } from '../adapters/dynamodb/outbox.ts';
import { programmesTable } from '../adapters/dynamodb/programmes-table.ts';
import { config } from '../config.ts';
import type { Application, ApplicationContent } from '../domain/application.ts';
import type { Area } from '../domain/area.ts';
import { decisionNotice, submissionConfirmation } from '../domain/email.ts';
import {
  Forbidden,
  NotFound,
  RetryLater,
  RuleViolation,
  StaleVersion,
  ValidationFailed,
} from '../domain/errors.ts';
import { obligationsFor } from '../domain/follow-ups.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { complete, type DecisionInput, decide, editDraft, newDraft, submit } from '../domain/lifecycle.ts';
import type { Programme } from '../domain/programme.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { CompletionInput } from '../domain/rules.ts';
import type { Clock } from '../ports.ts';
import { VersionConflict } from '../ports.ts';
import type { ApplicationBody } from '../schemas/application.ts';

/**
 * Application use cases: load what a decision needs, call the pure domain, write the result with
 * everything that must change with it in one transaction, and retry when someone else won a race.
 */

const ATTEMPTS = 4;

/** The application if the caller may see it; another area's application does not exist for them. */
export const loadVisible = async (caller: Caller, id: string): Promise<Application> => {
  const app = await getApplication(id);
  if (!app || (!isAdmin(caller) && app.areaId !== caller.areaId)) throw new NotFound('Ansökan finns inte.');
  return app;
};

const loadProgramme = async (id: string): Promise<Programme> => {
  const programme = await programmesTable.get(id);
  if (!programme) throw new NotFound('Programmet finns inte.');
  return programme;
};

const loadArea = async (id: string): Promise<Area> => {
  const area = await areasTable.get(id);
  if (!area) throw new NotFound('Området finns inte.');
  return area;
};

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

const event = (
  caller: Caller,
  action: HistoryEvent['action'],
  app: Application,
  now: Date,
): HistoryEvent => ({
  at: now.toISOString(),
  actor: caller.email || caller.sub,
  action,
  version: app.version,
});

/** Re-reads and rebuilds on a lost race; a change that no longer fits surfaces as the domain's own error. */
const withRetries = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const raced = error instanceof VersionConflict || error instanceof ProgrammeChanged;
      if (!raced) throw error;
      if (n >= ATTEMPTS) throw new RetryLater('Ansökan ändras av någon annan just nu. Försök igen.');
    }
  }
};

const create = (caller: Caller, clock: Clock) => async (body: ApplicationBody) => {
  const content = contentFor(caller, body);
  await Promise.all([loadProgramme(content.programmeId), loadArea(content.areaId)]);
  const app = newDraft(randomUUID(), content, clock.now());
  await writeApplication({ next: app, event: event(caller, 'created', app, clock.now()) });
  return app;
};

export const createApplication = (
  caller: Caller,
  body: ApplicationBody,
  idempotencyKey: string | undefined,
  context: Context,
  clock: Clock,
): Promise<Application> =>
  idempotentOperation('createApplication', create(caller, clock))(idempotencyKey, caller.sub, body, context);

export const replaceApplication = async (
  caller: Caller,
  id: string,
  ifMatch: number,
  body: ApplicationBody,
  clock: Clock,
): Promise<Application> => {
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
    await writeApplication({
      next,
      previousVersion: app.version,
      event: event(caller, 'edited', next, clock.now()),
    });
  } catch (error) {
    if (error instanceof VersionConflict) throw new StaleVersion();
    throw error;
  }
  return next;
};

export const submitApplication = (caller: Caller, id: string, clock: Clock): Promise<Application> =>
  withRetries(async () => {
    const app = await loadVisible(caller, id);
    const [programme, area, granted] = await Promise.all([
      loadProgramme(app.programmeId),
      loadArea(app.areaId),
      grantedToArea(app.programmeId, app.areaId),
    ]);
    const next = submit(app, programme, granted, clock.now());
    await writeApplication({
      next,
      previousVersion: app.version,
      event: event(caller, 'submitted', next, clock.now()),
      with: [
        outboxPut(submissionConfirmation(next, area, config.FORM_URL), clock.now(), {
          applicationId: id,
          kind: 'submitted',
        }),
      ],
    });
    return next;
  });

export const decideApplication = (caller: Caller, id: string, input: DecisionInput, clock: Clock) =>
  withRetries(async () => {
    const app = await loadVisible(caller, id);
    const [programme, area] = await Promise.all([loadProgramme(app.programmeId), loadArea(app.areaId)]);
    const next = decide(app, input, programme, caller.email || caller.sub, clock.today(), clock.now());
    const grant =
      next.status === 'approved' ? grantActions(programme, app.areaId, next.grantedByYear ?? {}) : undefined;
    const email = outboxPut(decisionNotice(next, area, config.FORM_URL), clock.now(), {
      applicationId: id,
      kind: `decision-${next.status}`,
    });
    try {
      await writeApplication({
        next,
        previousVersion: app.version,
        event: event(caller, next.status as HistoryEvent['action'], next, clock.now()),
        with: [...(grant?.items ?? []), email],
      });
    } catch (error) {
      const violations = grant?.violations(failedExtras(error)) ?? [];
      if (violations.length > 0) throw new RuleViolation(violations);
      throw error;
    }
    return next;
  });

/**
 * Completion: the application becomes `completed`, its costs are added to each year's disbursed
 * total, and the follow-up obligations its programme's rules call for are created — one transaction.
 */
export const completeApplication = (caller: Caller, id: string, input: CompletionInput, clock: Clock) =>
  withRetries(async () => {
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
    await writeApplication({
      next,
      previousVersion: app.version,
      event: event(caller, 'completed', next, now),
      with: [...disbursementActions(app.programmeId, next.disbursedByYear), ...followUps.map(followUpPut)],
    });
    return {
      ...next,
      followUps: followUps.map(({ reminderOffsetsDays: _offsets, ...followUp }) => followUp),
    };
  });

export const applicationHistory = async (caller: Caller, id: string) => {
  await loadVisible(caller, id);
  return readHistory(id);
};

export interface ApplicationListQuery {
  programmeId?: string;
  areaId?: string;
  status?: string;
  limit: number;
  nextToken?: string;
}

export const listApplications = (caller: Caller, query: ApplicationListQuery) => {
  if (!isAdmin(caller) && query.areaId !== undefined && query.areaId !== caller.areaId) {
    throw new Forbidden('Du kan bara se ansökningar från ditt eget område.');
  }
  const { limit, nextToken, programmeId, status } = query;
  const areaId = isAdmin(caller) ? query.areaId : caller.areaId;
  return queryApplications(
    { ...(programmeId ? { programmeId } : {}), ...(areaId ? { areaId } : {}), ...(status ? { status } : {}) },
    { limit, owner: caller.sub, ...(nextToken ? { nextToken } : {}) },
  );
};
