import { describe, expect, it } from 'vitest';
import {
  daysLate,
  type FollowUp,
  followUpView,
  reanchor,
  startRound,
  withFollowUpDefaults,
} from '../../shared/domain/follow-ups.ts';
import { followUp } from '../support/domain-factories.ts';

const NOW = new Date('2015-06-10T10:00:00.000Z');

describe('an obligation', () => {
  it('is read with defaults when it was stored before the follow-up cycle (made at completion)', () => {
    const old = {
      id: 'f1',
      applicationId: 'a1',
      programmeId: 'kur2',
      areaId: 'karlstad',
      kind: 'competencePlan',
      dueOn: '2015-06-30',
      status: 'pending',
      version: 1,
      createdAt: '2015-04-01T10:00:00.000Z',
      updatedAt: '2015-04-01T10:00:00.000Z',
      remindersSent: [-14],
      reminderOffsetsDays: [-14, 0, 7, 30],
    } as unknown as FollowUp;
    expect(withFollowUpDefaults(old)).toMatchObject({
      originalDueOn: '2015-06-30',
      anchor: 'actual',
      reminderRound: 1,
      reminderFrom: '2015-06-30',
      remindersSent: [-14],
      submissions: [],
      reviews: [],
      deferrals: [],
    });
  });

  it('counts days late against dueOn, as of today', () => {
    expect(daysLate(followUp({ dueOn: '2015-05-31' }), '2015-06-10')).toBe(10);
    expect(daysLate(followUp({ dueOn: '2015-05-31' }), '2015-05-31')).toBe(0);
    expect(
      daysLate(
        followUp({ dueOn: '2015-05-31', status: 'accepted', submittedOn: '2015-06-03' }),
        '2015-09-01',
      ),
    ).toBe(3);
    expect(
      daysLate(
        followUp({ dueOn: '2015-05-31', status: 'submitted', submittedOn: '2015-05-20' }),
        '2015-09-01',
      ),
    ).toBe(0);
    expect(daysLate(followUp({ dueOn: '2015-05-31', status: 'waived' }), '2015-09-01')).toBe(0);
    // Returned: pending again with a date to hand in again; lateness still counts from dueOn.
    expect(
      daysLate(
        followUp({ dueOn: '2015-05-31', resubmitBy: '2015-06-20', submittedOn: '2015-06-01' }),
        '2015-06-10',
      ),
    ).toBe(10);
  });

  it('is answered without its reminder bookkeeping, with the latest review', () => {
    const view = followUpView(
      followUp({
        reviews: [
          { outcome: 'returned', comment: 'Komplettera', reviewedOn: '2015-06-02', reviewedBy: 'a' },
          { outcome: 'accepted', reviewedOn: '2015-06-09', reviewedBy: 'a' },
        ],
      }),
      '2015-05-01',
    );
    for (const key of ['reminderOffsetsDays', 'reminderRound', 'reminderFrom', 'remindersSent', 'rule'])
      expect(view).not.toHaveProperty(key);
    expect(view.review).toMatchObject({ outcome: 'accepted' });
    expect(view).toMatchObject({ daysLate: 0, documents: [] });
  });

  it('moves to the real end of its rule’s anchor at completion, keeping the steps sent', () => {
    const moved = reanchor(
      followUp({ remindersSent: [-14, 0] }),
      { knowledge: '2015-03-31', collaborationPlan: '2015-06-05' },
      NOW,
    );
    expect(moved).toMatchObject({
      dueOn: '2015-06-05',
      originalDueOn: '2015-06-05',
      anchor: 'actual',
      reminderFrom: '2015-06-05',
      remindersSent: [-14, 0],
      version: 2,
    });
  });

  it('keeps an approved deferral’s date, and a later round’s start, when it is moved', () => {
    const deferred = followUp({
      dueOn: '2015-07-15',
      reminderRound: 2,
      reminderFrom: '2015-07-15',
      deferrals: [
        {
          dueOn: '2015-07-15',
          reason: 'Styrgruppen möts i juli',
          requestedOn: '2015-05-01',
          requestedBy: 'k',
          outcome: 'approved',
          decidedOn: '2015-05-02',
          decidedBy: 'a',
          previousDueOn: '2015-05-31',
        },
      ],
    });
    expect(reanchor(deferred, { collaborationPlan: '2015-06-05' }, NOW)).toMatchObject({
      dueOn: '2015-07-15',
      originalDueOn: '2015-05-31',
      anchor: 'actual',
      reminderFrom: '2015-07-15',
    });
  });

  it('starts a new round of reminders from a date, with nothing sent in it', () => {
    expect(startRound(followUp({ remindersSent: [-14, 0, 7] }), '2015-06-24')).toMatchObject({
      reminderRound: 2,
      reminderFrom: '2015-06-24',
      remindersSent: [],
      dueOn: '2015-05-31',
    });
  });
});
