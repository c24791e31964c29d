import type { AreaBody } from '../../shared/schemas/area.ts';
import type { ProgrammeBody } from '../../shared/schemas/programme.ts';

/** KUR 2 as the seeds describe it (000_…, 002_…): 2 × 10 MSEK, at most 500 000 SEK per area. */
export const kur2Programme = (overrides: Partial<ProgrammeBody> = {}): ProgrammeBody => ({
  name: 'KUR 2',
  years: [
    { year: 2014, appropriation: 10_000_000 },
    { year: 2015, appropriation: 10_000_000 },
  ],
  maxGrantPerArea: 500_000,
  activityTypes: ['knowledge', 'collaborationPlan'],
  managementEmails: ['kur@forsakringskassan.se'],
  ...overrides,
});

export const areaBody = (overrides: Partial<AreaBody> = {}): AreaBody => ({
  name: 'LFC Karlstad',
  region: 'mitt',
  coordinatorEmails: ['samverkan.karlstad@forsakringskassan.se'],
  managerEmail: 'omradeschef.karlstad@forsakringskassan.se',
  ...overrides,
});
