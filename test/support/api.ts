import { handler as completeApplication } from '../../functions/applications/complete.ts';
import { handler as createApplication } from '../../functions/applications/create.ts';
import { handler as decideApplication } from '../../functions/applications/decide.ts';
import { handler as getApplication } from '../../functions/applications/get.ts';
import { handler as applicationHistory } from '../../functions/applications/history.ts';
import { handler as listApplications } from '../../functions/applications/list.ts';
import { handler as replaceApplication } from '../../functions/applications/replace.ts';
import { handler as submitApplication } from '../../functions/applications/submit.ts';
import { handler as putArea } from '../../functions/areas/put.ts';
import { handler as decideDeferral } from '../../functions/follow-ups/deferral.ts';
import { handler as requestDeferral } from '../../functions/follow-ups/deferral-request.ts';
import { handler as getFollowUp } from '../../functions/follow-ups/get.ts';
import { handler as listFollowUps } from '../../functions/follow-ups/list.ts';
import { handler as reviewFollowUp } from '../../functions/follow-ups/review.ts';
import { handler as submitFollowUp } from '../../functions/follow-ups/submit.ts';
import { handler as waiveFollowUp } from '../../functions/follow-ups/waive.ts';
import { handler as putProgramme } from '../../functions/programmes/put.ts';
import { handler as runReminders } from '../../functions/reminders/run.ts';
import { clock } from '../../infra/local/clock.ts';
import { scheduledEvent } from '../../infra/local/jobs.ts';
import { routes } from '../../shared/http/routes.ts';
import type { ApplicationBody, DecisionBody } from '../../shared/schemas/application.ts';
import type { AreaBody } from '../../shared/schemas/area.ts';
import type { ProgrammeBody } from '../../shared/schemas/programme.ts';
import { admin, invoke, lambdaContext, type TestCaller } from './events.ts';
import { areaBody, kur2Programme } from './factories.ts';

/** The API as handler calls, for integration tests that speak in the users' terms. */
export const api = {
  putProgramme: (id: string, body: ProgrammeBody = kur2Programme()) =>
    invoke(putProgramme, routes.putProgramme, { caller: admin, path: { programmeId: id }, body }),
  putArea: (id: string, body: AreaBody = areaBody()) =>
    invoke(putArea, routes.putArea, { caller: admin, path: { areaId: id }, body }),
  create: (
    caller: TestCaller | undefined,
    body: Partial<ApplicationBody> | unknown,
    headers: Record<string, string> = {},
  ) => invoke(createApplication, routes.createApplication, { ...(caller ? { caller } : {}), body, headers }),
  get: (caller: TestCaller | undefined, id: string) =>
    invoke(getApplication, routes.getApplication, { ...(caller ? { caller } : {}), path: { id } }),
  list: (caller: TestCaller | undefined, query: Record<string, string> = {}) =>
    invoke(listApplications, routes.listApplications, { ...(caller ? { caller } : {}), query }),
  replace: (caller: TestCaller | undefined, id: string, body: unknown, ifMatch?: string | number) =>
    invoke(replaceApplication, routes.replaceApplication, {
      ...(caller ? { caller } : {}),
      path: { id },
      body,
      headers: ifMatch === undefined ? {} : { 'if-match': String(ifMatch) },
    }),
  submit: (caller: TestCaller | undefined, id: string) =>
    invoke(submitApplication, routes.submitApplication, { ...(caller ? { caller } : {}), path: { id } }),
  decide: (caller: TestCaller | undefined, id: string, body: DecisionBody | unknown) =>
    invoke(decideApplication, routes.decideApplication, {
      ...(caller ? { caller } : {}),
      path: { id },
      body,
    }),
  history: (caller: TestCaller | undefined, id: string) =>
    invoke(applicationHistory, routes.applicationHistory, { ...(caller ? { caller } : {}), path: { id } }),
};

/** Follow-up routes and the reminder job, as handler calls. */
export const followUpApi = {
  complete: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(completeApplication, routes.completeApplication, {
      ...(caller ? { caller } : {}),
      path: { id },
      body,
    }),
  get: (caller: TestCaller | undefined, id: string) =>
    invoke(getFollowUp, routes.getFollowUp, { ...(caller ? { caller } : {}), path: { id } }),
  list: (caller: TestCaller | undefined, query: Record<string, string> = {}) =>
    invoke(listFollowUps, routes.listFollowUps, { ...(caller ? { caller } : {}), query }),
  submit: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(submitFollowUp, routes.submitFollowUp, { ...(caller ? { caller } : {}), path: { id }, body }),
  waive: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(waiveFollowUp, routes.waiveFollowUp, { ...(caller ? { caller } : {}), path: { id }, body }),
  review: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(reviewFollowUp, routes.reviewFollowUp, { ...(caller ? { caller } : {}), path: { id }, body }),
  requestDeferral: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(requestDeferral, routes.requestDeferral, { ...(caller ? { caller } : {}), path: { id }, body }),
  decideDeferral: (caller: TestCaller | undefined, id: string, body: unknown) =>
    invoke(decideDeferral, routes.decideDeferral, { ...(caller ? { caller } : {}), path: { id }, body }),
  /** The scheduled job, with an event whose `time` is the clock's now (as EventBridge Scheduler at 06:00). */
  runReminders: () => runReminders(scheduledEvent(clock.now(), 'reminders'), lambdaContext()),
};
