import type { Application } from '../../shared/domain/application.ts';
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
