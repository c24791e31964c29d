import type { Confirmation } from './confirmations.ts';
import type { Goal } from './goals.ts';
import type { ActivityType } from './programme.ts';
import type { DeclaredUnderspend } from './underspend.ts';

export const APPLICATION_STATUSES = [
  'draft',
  // Sent in, waiting for the area manager and the partners to confirm it (shared/domain/confirmations.ts).
  'awaiting-confirmation',
  'submitted',
  'approved',
  'rejected',
  'returned',
  'completed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const PARTNER_TYPES = ['forsakringskassan', 'arbetsformedlingen', 'kommun', 'region'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const ELIGIBLE_COST_CATEGORIES = ['lecturer', 'moderator', 'seminarLeader', 'processSupport'] as const;
/** Never eligible (seed 000, slide 12): premises, catering, travel, accommodation. */
export const INELIGIBLE_COST_CATEGORIES = ['premises', 'catering', 'travel', 'accommodation'] as const;
export const COST_CATEGORIES = [...ELIGIBLE_COST_CATEGORIES, ...INELIGIBLE_COST_CATEGORIES] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const DECISION_OUTCOMES = ['approved', 'rejected', 'returned'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface Activity {
  type: ActivityType;
  description?: string;
  plannedStart?: string;
  plannedEnd?: string;
  themes?: string[];
}

export interface Partner {
  type: PartnerType;
  name: string;
  contactName: string;
  contactEmail: string;
}

export interface BudgetLine {
  year: number;
  category: CostCategory;
  description?: string;
  amount: number;
}

/** What a coordinator writes; a draft may leave any of it out until it is submitted. */
export interface ApplicationContent {
  programmeId: string;
  areaId: string;
  title?: string;
  activities?: Activity[];
  partners?: Partner[];
  userInvolvement?: { consulted: boolean; organisations?: string[] };
  coordinationAssociation?: string;
  managementAnchored?: boolean;
  budget?: BudgetLine[];
  /** 1–5 measurable goals; required at submit when the programme `requiresGoals`. */
  goals?: Goal[];
}

export interface Decision {
  outcome: DecisionOutcome;
  grantedByYear?: Record<string, number>;
  comment?: string;
  decidedOn: string;
  decidedBy: string;
}

/** What a coordinator reports when the activities have ended. */
export interface Completion {
  activities: { type: ActivityType; endedOn: string; participants?: number }[];
  costs: { year: number; category: CostCategory; amount: number }[];
  reportedOn: string;
}

export interface Application extends ApplicationContent {
  id: string;
  status: ApplicationStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** The latest decision (a returned application keeps it until it is decided again). */
  decision?: Decision;
  /** Set on approval: SEK per year (keys are years as strings). */
  grantedByYear?: Record<string, number>;
  /** Set on approval: the latest planned end + the programme's `completionReportDays`. */
  completionDueOn?: string;
  /** Set on completion. */
  completion?: Completion;
  /** Actual eligible costs per year (SEK), set on completion; never more than granted. */
  disbursedByYear?: Record<string, number>;
  /** Who must confirm the application before head office sees it, and their answers. */
  confirmations?: Confirmation[];
  /** What the area gave back of its grant before the year ended (POST …/underspend). */
  underspends?: DeclaredUnderspend[];
}

/** SEK requested per year: the sum of the budget lines, whatever their category. */
export const requestedByYear = (budget: readonly BudgetLine[] = []): Record<string, number> => {
  const byYear: Record<string, number> = {};
  for (const line of budget) byYear[String(line.year)] = (byYear[String(line.year)] ?? 0) + line.amount;
  return byYear;
};

export const sumValues = (byYear: Readonly<Record<string, number>>): number =>
  Object.values(byYear).reduce((sum, amount) => sum + amount, 0);

/** Who may edit: only drafts and applications returned for completion. */
export const isEditable = (status: ApplicationStatus): boolean => status === 'draft' || status === 'returned';
