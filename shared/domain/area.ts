export const REGIONS = ['nord', 'syd', 'vast', 'mitt', 'stockholm'] as const;
export type Region = (typeof REGIONS)[number];

export interface AreaSpec {
  name: string;
  region: Region;
  coordinatorEmails: string[];
  managerEmail: string;
}

/** A local area (lokalt försäkringscenter) with the work e-mail of its coordinators and manager. */
export interface Area extends AreaSpec {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
