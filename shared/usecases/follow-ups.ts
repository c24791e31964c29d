import { deferralAnswered, deferralRequested, followUpReviewed, followUpSubmitted } from '../domain/email.ts';
import { Forbidden, InvalidTransition, NotFound } from '../domain/errors.ts';
import { decideDeferral, requestDeferral, review } from '../domain/follow-up-review.ts';
import { type FollowUp, type FollowUpView, followUpView } from '../domain/follow-ups.ts';
import { checkGoalOutcomes, type GoalOutcome } from '../domain/goals.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { resubmissionDaysOf } from '../domain/programme.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import { mapBounded } from '../parallel.ts';
import type {
  ApplicationStore,
  AreaStore,
  Clock,
  DocumentStore,
  FollowUpStore,
  OutgoingEmail,
  ProgrammeStore,
  StoredFollowUp,
} from '../ports.ts';
import type {
  DeferralDecisionBody,
  DeferralRequestBody,
  FollowUpReviewBody,
} from '../schemas/follow-up-actions.ts';
import { found, retryLostRaces } from './support.ts';

export interface FollowUpPorts {
  followUps: FollowUpStore;
  /** Read only: a follow-up's events go into its application's history, at the application's version. */
  applications: Pick<ApplicationStore, 'get'>;
  /** Read only: the documents each answer lists. */
  documents?: Pick<DocumentStore, 'list'>;
  /** Checks that documents named in a submission were uploaded to the obligation (422 `document-missing`). */
  verifyDocuments?: (followUpId: string, documentIds: readonly string[]) => Promise<void>;
  /** Read only: who gets the review and deferral e-mails, and the programme's resubmission days. */
  programmes?: Pick<ProgrammeStore, 'get'>;
  areas?: Pick<AreaStore, 'get'>;
  formUrl?: string;
  clock: Clock;
  /** A surveyed round's `survey` (shared/usecases/surveys.ts); absent: none shown. */
  surveyOf?: (followUp: FollowUp) => Promise<object | undefined>;
}

export interface FollowUpListQuery {
  programmeId?: string | undefined;
  areaId?: string | undefined;
  status?: string | undefined;
  dueBefore?: string | undefined;
  limit: number;
  nextToken?: string | undefined;
}

/** Documents read at once for a page of obligations. */
const CONCURRENCY = 8;

/** What a change of an obligation decides: the obligation as changed, its event, its e-mails. */
export interface FollowUpDecision {
  next: FollowUp;
  action: HistoryEvent['action'];
  emails?: readonly OutgoingEmail[];
}

/**
 * Follow-up obligations: read them, and change one — handed in by the area's coordinator, waived
 * by head office, and (through `change`) reviewed and deferred. Each change is written with an
 * event in the application's history and its e-mails, in one transaction.
 */
export const makeFollowUps = ({
  followUps,
  applications,
  documents,
  verifyDocuments,
  programmes,
  areas,
  formUrl = '',
  clock,
  surveyOf,
}: FollowUpPorts) => {
  /** The obligation if the caller may see it; another area's obligation does not exist for them. */
  const loadVisible = async (caller: Caller, id: string): Promise<StoredFollowUp> => {
    const followUp = await followUps.get(id);
    if (!followUp || (!isAdmin(caller) && followUp.areaId !== caller.areaId))
      throw new NotFound('Uppföljningen finns inte.');
    return followUp;
  };

  /** The answer: as of today, with its documents (without where they lie in the bucket). */
  const view = async (followUp: FollowUp): Promise<FollowUpView> => {
    const [stored, applicationTitle] = await Promise.all([
      documents ? documents.list(followUp.id) : [],
      // Obligations stored before they carried their application's title: read it once.
      followUp.applicationTitle
        ? followUp.applicationTitle
        : applications.get(followUp.applicationId).then((app) => app?.title ?? ''),
    ]);
    return followUpView(
      { ...followUp, applicationTitle },
      clock.today(),
      stored.map(({ key: _key, ...document }) => document),
    );
  };

  const get = async (caller: Caller, id: string): Promise<FollowUpView & { survey?: object }> => {
    const followUp = await loadVisible(caller, id);
    const [answer, survey] = await Promise.all([view(followUp), surveyOf?.(followUp)]);
    return survey ? { ...answer, survey } : answer;
  };

  /**
   * Changes one obligation: `decide` gets it as stored now and answers what changes (or throws the
   * rule it breaks). Its history event carries the version the application is at: the history lists
   * the application's versions, and an obligation's change does not change the application. A
   * change that loses its race reads again and decides again.
   */
  const change = (
    caller: Caller,
    id: string,
    decide: (followUp: FollowUp, now: Date) => FollowUpDecision,
  ): Promise<FollowUpView> =>
    retryLostRaces(async () => {
      const followUp = await loadVisible(caller, id);
      const now = clock.now();
      const { next, action, emails } = decide(followUp, now);
      const app = await found(applications.get(followUp.applicationId), 'Ansökan finns inte.');
      await followUps.write({
        next,
        previous: followUp,
        event: {
          at: now.toISOString(),
          actor: caller.email || caller.sub,
          action,
          version: app.version,
          detail: `${followUp.kind} ${followUp.dueOn}`,
        },
        ...(emails ? { emails } : {}),
        at: now,
      });
      return view(next);
    });

  const pendingOnly = (followUp: FollowUp) => {
    if (followUp.status !== 'pending')
      throw new InvalidTransition('Uppföljningen är redan inlämnad eller struken.');
  };

  const changed = (followUp: FollowUp, now: Date, fields: Partial<FollowUp>): FollowUp => ({
    ...followUp,
    ...fields,
    version: followUp.version + 1,
    updatedAt: now.toISOString(),
  });

  /** The coordinator hands in the document, on time or late: `submittedOn` is today by the clock. */
  const submit = async (
    caller: Caller,
    id: string,
    body: {
      summary: string;
      documentIds?: string[] | undefined;
      documentUrl?: string | undefined;
      goalOutcomes?: GoalOutcome[] | undefined;
    },
  ): Promise<FollowUpView> => {
    const documentIds = body.documentIds ?? [];
    const goalOutcomes = body.goalOutcomes ?? [];
    const applicationId = (await loadVisible(caller, id)).applicationId;
    checkGoalOutcomes((await applications.get(applicationId))?.goals ?? [], goalOutcomes);
    const context = programmes && areas ? await mailContext(await loadVisible(caller, id)) : undefined;
    if (documentIds.length > 0) {
      if (!verifyDocuments)
        throw new Error('makeFollowUps: a submission with documents needs verifyDocuments');
      await verifyDocuments(id, documentIds);
    }
    return change(caller, id, (followUp, now) => {
      pendingOnly(followUp);
      const submittedOn = clock.today();
      const submission = {
        submittedOn,
        submittedBy: caller.email || caller.sub,
        summary: body.summary,
        ...(documentIds.length > 0 ? { documentIds } : {}),
        ...(body.documentUrl ? { documentUrl: body.documentUrl } : {}),
        ...(goalOutcomes.length > 0 ? { goalOutcomes } : {}),
      };
      return {
        action: 'follow-up-submitted',
        next: changed(followUp, now, {
          status: 'submitted',
          submittedOn,
          summary: body.summary,
          ...(body.documentUrl ? { documentUrl: body.documentUrl } : {}),
          ...(goalOutcomes.length > 0 ? { goalOutcomes } : {}),
          submissions: [...followUp.submissions, submission],
        }),
        ...(context
          ? {
              emails: [
                {
                  email: followUpSubmitted(
                    { ...context.mail, followUp },
                    context.programme.managementEmails,
                    submission,
                  ),
                  source: source(followUp, 'follow-up-submitted'),
                },
              ],
            }
          : {}),
      };
    });
  };

  /** Head office releases the area from an obligation, with a reason. */
  const waive = (caller: Caller, id: string, body: { reason: string }): Promise<FollowUpView> =>
    change(caller, id, (followUp, now) => {
      pendingOnly(followUp);
      return {
        action: 'follow-up-waived',
        next: changed(followUp, now, {
          status: 'waived',
          waivedOn: clock.today(),
          waiverReason: body.reason,
        }),
      };
    });

  /** Coordinators see their own area's obligations; administrators any area's, or all. */
  const list = async (caller: Caller, query: FollowUpListQuery) => {
    if (!isAdmin(caller) && query.areaId !== undefined && query.areaId !== caller.areaId) {
      throw new Forbidden('Du kan bara se uppföljningar för ditt eget område.');
    }
    const { programmeId, status, dueBefore, limit, nextToken } = query;
    const areaId = isAdmin(caller) ? query.areaId : caller.areaId;
    const page = await followUps.query(
      {
        ...(programmeId ? { programmeId } : {}),
        ...(areaId ? { areaId } : {}),
        ...(status ? { status } : {}),
        ...(dueBefore ? { dueBefore } : {}),
      },
      { limit, owner: caller.sub, ...(nextToken ? { nextToken } : {}) },
    );
    return { ...page, items: await mapBounded(page.items, CONCURRENCY, view) };
  };

  /** Who the review and deferral e-mails go to, and what they say about the obligation. */
  const mailContext = async (followUp: FollowUp) => {
    if (!programmes || !areas)
      throw new Error('makeFollowUps: review and deferral need programmes and areas');
    const [programme, area] = await Promise.all([
      found(programmes.get(followUp.programmeId), 'Programmet finns inte.'),
      found(areas.get(followUp.areaId), 'Området finns inte.'),
    ]);
    return { programme, mail: { followUp, area, formUrl } };
  };

  const acting = (caller: Caller) => ({ today: clock.today(), by: caller.email || caller.sub });
  const source = (followUp: FollowUp, kind: string) => ({
    applicationId: followUp.applicationId,
    followUpId: followUp.id,
    kind,
  });

  /** Head office accepts what came in, or returns it with a comment and a new date to hand in by. */
  const reviewOne = async (caller: Caller, id: string, body: FollowUpReviewBody): Promise<FollowUpView> => {
    const { programme, mail } = await mailContext(await loadVisible(caller, id));
    return change(caller, id, (followUp, now) => {
      const reviewed = review(followUp, body, {
        ...acting(caller),
        resubmissionDays: resubmissionDaysOf(programme),
      });
      return {
        action: body.outcome === 'accepted' ? 'follow-up-accepted' : 'follow-up-returned',
        next: changed(reviewed, now, {}),
        emails: [
          {
            email: followUpReviewed({ ...mail, followUp }, { ...body, resubmitBy: reviewed.resubmitBy }),
            source: source(followUp, `follow-up-${body.outcome}`),
          },
        ],
      };
    });
  };

  /** The area's coordinator asks to hand in later; the programme management is told. */
  const askForDeferral = async (
    caller: Caller,
    id: string,
    body: DeferralRequestBody,
  ): Promise<FollowUpView> => {
    const { programme, mail } = await mailContext(await loadVisible(caller, id));
    return change(caller, id, (followUp, now) => ({
      action: 'deferral-requested',
      next: changed(requestDeferral(followUp, body, acting(caller)), now, {}),
      emails: [
        {
          email: deferralRequested({ ...mail, followUp }, programme.managementEmails, body),
          source: source(followUp, 'deferral-requested'),
        },
      ],
    }));
  };

  /** Head office answers the open request; the coordinators are told either way. */
  const answerDeferral = async (
    caller: Caller,
    id: string,
    body: DeferralDecisionBody,
  ): Promise<FollowUpView> => {
    const { mail } = await mailContext(await loadVisible(caller, id));
    return change(caller, id, (followUp, now) => {
      const decided = decideDeferral(followUp, body, acting(caller));
      return {
        action: body.outcome === 'approved' ? 'deferral-approved' : 'deferral-rejected',
        next: changed(decided, now, {}),
        emails: [
          {
            email: deferralAnswered({ ...mail, followUp }, { ...body, dueOn: decided.dueOn }),
            source: source(followUp, `deferral-${body.outcome}`),
          },
        ],
      };
    });
  };

  return {
    get,
    list,
    submit,
    waive,
    change,
    view,
    review: reviewOne,
    requestDeferral: askForDeferral,
    decideDeferral: answerDeferral,
  };
};

export type FollowUps = ReturnType<typeof makeFollowUps>;
