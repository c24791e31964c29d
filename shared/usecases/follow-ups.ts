import { Forbidden, InvalidTransition, NotFound } from '../domain/errors.ts';
import type { FollowUp } from '../domain/follow-ups.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { ApplicationStore, Clock, FollowUpClosing, FollowUpStore, StoredFollowUp } from '../ports.ts';
import { found, retryLostRaces } from './support.ts';

export interface FollowUpPorts {
  followUps: FollowUpStore;
  /** Read only: a follow-up's events go into its application's history, at the application's version. */
  applications: Pick<ApplicationStore, 'get'>;
  clock: Clock;
}

export interface FollowUpListQuery {
  programmeId?: string | undefined;
  areaId?: string | undefined;
  status?: string | undefined;
  dueBefore?: string | undefined;
  limit: number;
  nextToken?: string | undefined;
}

/** The resource as the API answers it: the reminder bookkeeping stays inside. */
export const publicFollowUp = ({ reminderOffsetsDays: _offsets, ...followUp }: StoredFollowUp): FollowUp =>
  followUp;

/**
 * Follow-up obligations: list them, and close one — handed in by the area's coordinator or waived
 * by head office. Closing is written with an event in the application's history.
 */
export const makeFollowUps = ({ followUps, applications, clock }: FollowUpPorts) => {
  /** The obligation if the caller may see it; another area's obligation does not exist for them. */
  const loadVisible = async (caller: Caller, id: string): Promise<StoredFollowUp> => {
    const followUp = await followUps.get(id);
    if (!followUp || (!isAdmin(caller) && followUp.areaId !== caller.areaId))
      throw new NotFound('Uppföljningen finns inte.');
    return followUp;
  };

  /**
   * Closes a pending obligation. Its history event carries the version the application is at: the
   * history lists the application's versions, and closing an obligation does not change the
   * application. A close that loses its race reads again and finds the obligation closed (409).
   */
  const close = (
    caller: Caller,
    id: string,
    status: FollowUpClosing['status'],
    fields: FollowUpClosing['fields'],
  ): Promise<FollowUp> =>
    retryLostRaces(async () => {
      const followUp = await loadVisible(caller, id);
      if (followUp.status !== 'pending')
        throw new InvalidTransition('Uppföljningen är redan inlämnad eller efterskänkt.');
      const app = await found(applications.get(followUp.applicationId), 'Ansökan finns inte.');
      const now = clock.now();
      const closed = await followUps.close({
        followUp,
        status,
        fields,
        event: {
          at: now.toISOString(),
          actor: caller.email || caller.sub,
          action: status === 'submitted' ? 'follow-up-submitted' : 'follow-up-waived',
          version: app.version,
          detail: `${followUp.kind} ${followUp.dueOn}`,
        },
        at: now,
      });
      return publicFollowUp(closed);
    });

  /** The coordinator hands in the document, on time or late: `submittedOn` is today by the clock. */
  const submit = (
    caller: Caller,
    id: string,
    body: { summary: string; documentUrl?: string | undefined },
  ): Promise<FollowUp> =>
    close(caller, id, 'submitted', {
      submittedOn: clock.today(),
      summary: body.summary,
      ...(body.documentUrl ? { documentUrl: body.documentUrl } : {}),
    });

  /** Head office releases the area from an obligation, with a reason. */
  const waive = (caller: Caller, id: string, body: { reason: string }): Promise<FollowUp> =>
    close(caller, id, 'waived', { waivedOn: clock.today(), waiverReason: body.reason });

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
    return { ...page, items: page.items.map(publicFollowUp) };
  };

  return { list, submit, waive };
};

export type FollowUps = ReturnType<typeof makeFollowUps>;
