import {
  closeFollowUp,
  getFollowUp,
  NoLongerPending,
  queryFollowUps,
  type StoredFollowUp,
} from '../adapters/dynamodb/follow-ups-table.ts';
import { Forbidden, InvalidTransition, NotFound } from '../domain/errors.ts';
import type { FollowUp } from '../domain/follow-ups.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { Clock } from '../ports.ts';

/** The resource as the API answers it: the reminder bookkeeping stays inside. */
export const publicFollowUp = ({ reminderOffsetsDays: _offsets, ...followUp }: StoredFollowUp): FollowUp =>
  followUp;

const loadVisible = async (caller: Caller, id: string): Promise<StoredFollowUp> => {
  const followUp = await getFollowUp(id);
  if (!followUp || (!isAdmin(caller) && followUp.areaId !== caller.areaId))
    throw new NotFound('Uppföljningen finns inte.');
  return followUp;
};

const close = async (
  caller: Caller,
  id: string,
  clock: Clock,
  status: 'submitted' | 'waived',
  fields: Parameters<typeof closeFollowUp>[2],
): Promise<FollowUp> => {
  const followUp = await loadVisible(caller, id);
  const notPending = () => new InvalidTransition('Uppföljningen är redan inlämnad eller efterskänkt.');
  if (followUp.status !== 'pending') throw notPending();
  try {
    const closed = await closeFollowUp(
      followUp,
      status,
      fields,
      {
        applicationId: followUp.applicationId,
        at: clock.now().toISOString(),
        actor: caller.email || caller.sub,
        action: status === 'submitted' ? 'follow-up-submitted' : 'follow-up-waived',
        version: followUp.version + 1,
        detail: `${followUp.kind} ${followUp.dueOn}`,
      },
      clock.now(),
    );
    return publicFollowUp(closed);
  } catch (error) {
    if (error instanceof NoLongerPending) throw notPending();
    throw error;
  }
};

/** The coordinator hands in the document, on time or late: `submittedOn` is today by the clock. */
export const submitFollowUp = (
  caller: Caller,
  id: string,
  body: { summary: string; documentUrl?: string | undefined },
  clock: Clock,
) =>
  close(caller, id, clock, 'submitted', {
    submittedOn: clock.today(),
    summary: body.summary,
    ...(body.documentUrl ? { documentUrl: body.documentUrl } : {}),
  });

/** Head office releases the area from an obligation, with a reason. */
export const waiveFollowUp = (caller: Caller, id: string, body: { reason: string }, clock: Clock) =>
  close(caller, id, clock, 'waived', { waivedOn: clock.today(), waiverReason: body.reason });

export interface FollowUpListQuery {
  programmeId?: string | undefined;
  areaId?: string | undefined;
  status?: string | undefined;
  dueBefore?: string | undefined;
  limit: number;
  nextToken?: string | undefined;
}

export const listFollowUps = async (caller: Caller, query: FollowUpListQuery) => {
  if (!isAdmin(caller) && query.areaId !== undefined && query.areaId !== caller.areaId) {
    throw new Forbidden('Du kan bara se uppföljningar för ditt eget område.');
  }
  const { programmeId, status, dueBefore, limit, nextToken } = query;
  const areaId = isAdmin(caller) ? query.areaId : caller.areaId;
  const page = await queryFollowUps(
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
