import type { ApplicationBody } from '../../shared/schemas/application.ts';
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

/**
 * An area whose coordinator (the address `coordinatorOf(areaId)` signs in with) and manager are its
 * own, so that a test can tell its area's e-mails from every other area's by recipient.
 */
export const areaBodyFor = (areaId: string, overrides: Partial<AreaBody> = {}): AreaBody =>
  areaBody({
    name: `LFC ${areaId}`,
    coordinatorEmails: [`samverkan.${areaId}@forsakringskassan.se`],
    managerEmail: `chef.${areaId}@forsakringskassan.se`,
    ...overrides,
  });

/** A complete KUR 2 application that passes every rule: both activities, four partners, 300 000 SEK. */
export const applicationBody = (overrides: Partial<ApplicationBody> = {}): ApplicationBody => ({
  programmeId: 'kur2',
  title: 'Gemensam grund i Värmland',
  activities: [
    {
      type: 'knowledge',
      description: 'Gemensam utbildning om psykisk ohälsa för handläggare hos alla fyra huvudmän.',
      plannedStart: '2014-09-01',
      plannedEnd: '2015-03-31',
      themes: ['Individen i samverkan'],
    },
    {
      type: 'collaborationPlan',
      description: 'Plan för gemensamma samverkansformer.',
      plannedStart: '2014-09-01',
      plannedEnd: '2015-05-31',
    },
  ],
  partners: [
    {
      type: 'forsakringskassan',
      name: 'Försäkringskassan Karlstad',
      contactName: 'Eva Ek',
      contactEmail: 'eva.ek@forsakringskassan.se',
    },
    {
      type: 'arbetsformedlingen',
      name: 'Arbetsförmedlingen Karlstad',
      contactName: 'Per Berg',
      contactEmail: 'per.berg@arbetsformedlingen.se',
    },
    {
      type: 'kommun',
      name: 'Karlstads kommun',
      contactName: 'Lena Lind',
      contactEmail: 'lena.lind@karlstad.se',
    },
    {
      type: 'region',
      name: 'Region Värmland',
      contactName: 'Omar Ali',
      contactEmail: 'omar.ali@regionvarmland.se',
    },
  ],
  userInvolvement: { consulted: true, organisations: ['RSMH Värmland'] },
  coordinationAssociation: 'Samordningsförbundet Värmland',
  managementAnchored: true,
  budget: [
    { year: 2014, category: 'lecturer', description: 'Föreläsare', amount: 120_000 },
    { year: 2015, category: 'processSupport', description: 'Processtöd', amount: 180_000 },
  ],
  ...overrides,
});
