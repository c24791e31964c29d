import type { Application } from '../../shared/domain/application.ts';
import type { FollowUp } from '../../shared/domain/follow-ups.ts';
import { type Programme, withDefaults } from '../../shared/domain/programme.ts';
import { applicationBody, kur2Programme } from './factories.ts';

/** Domain objects for pure tests, built from the same factories as the API bodies. */
export const programme = (overrides: Partial<Programme> = {}): Programme => ({
  ...withDefaults(kur2Programme()),
  id: 'kur2',
  version: 1,
  createdAt: '2014-01-01T00:00:00.000Z',
  updatedAt: '2014-01-01T00:00:00.000Z',
  ...overrides,
});

export const application = (overrides: Partial<Application> = {}): Application => {
  const { areaId: _ignored, ...body } = applicationBody();
  return {
    ...body,
    areaId: 'karlstad',
    id: '00000000-0000-4000-8000-000000000001',
    status: 'draft',
    version: 1,
    createdAt: '2014-06-01T10:00:00.000Z',
    updatedAt: '2014-06-01T10:00:00.000Z',
    ...overrides,
  } as Application;
};

/** A pending obligation of the application above: KUR 2's collaboration plan, due at the plan's end. */
export const followUp = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  id: '00000000-0000-4000-8000-0000000000f1',
  applicationId: '00000000-0000-4000-8000-000000000001',
  applicationTitle: 'Gemensam grund i Värmland',
  programmeId: 'kur2',
  areaId: 'karlstad',
  kind: 'collaborationPlan',
  rule: {
    kind: 'collaborationPlan',
    appliesTo: 'withCollaborationPlan',
    anchor: 'collaborationPlan',
    offset: 'P0D',
  },
  dueOn: '2015-05-31',
  originalDueOn: '2015-05-31',
  anchor: 'planned',
  status: 'pending',
  submissions: [],
  reviews: [],
  deferrals: [],
  version: 1,
  createdAt: '2014-06-01T10:00:00.000Z',
  updatedAt: '2014-06-01T10:00:00.000Z',
  reminderOffsetsDays: [-14, 0, 7, 30],
  reminderRound: 1,
  reminderFrom: '2015-05-31',
  remindersSent: [],
  ...overrides,
});
