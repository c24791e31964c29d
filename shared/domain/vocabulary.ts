import type { ApplicationStatus, CostCategory, PartnerType } from './application.ts';
import type { Region } from './area.ts';
import type { ConfirmationStatus } from './confirmations.ts';
import type { FollowUpStatus } from './follow-ups.ts';
import type { GoalAchieved } from './goals.ts';
import type { HistoryEvent } from './history.ts';
import type { ActivityType, FollowUpKind } from './programme.ts';
import type { RiskReason } from './repayment-risk.ts';
import type { Compliance, ReportTable, ReportType } from './reports.ts';
import type { Role } from './roles.ts';
import type { UserStatus } from './users.ts';

/**
 * The Swedish words for the system's values, named once: e-mails, reports and their CSV headers,
 * the rules' messages, the API's messages and the browser form all take them from here, so that a
 * user meets one word per thing wherever they look. Words are written as they stand inside a
 * sentence (`capitalised()` starts a table cell, a tag or a heading with one). Plain Swedish, as
 * an agency writes to the public: the seeds' own words where they have one (slutrapport,
 * kompetensutvecklingsplan, plan för samarbete).
 */

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  draft: 'utkast',
  'awaiting-confirmation': 'väntar på bekräftelse',
  submitted: 'inskickad',
  approved: 'beviljad',
  rejected: 'avslagen',
  // The same verb as for a follow-up sent back: one phrase for one act.
  returned: 'skickad tillbaka för komplettering',
  // The coordinator has handed in the slutrapport (the activities and their actual costs).
  completed: 'slutrapporterad',
};

/** What the history of an application calls each change: a status change is named as the status. */
export const ACTION_LABEL: Record<HistoryEvent['action'], string> = {
  created: 'skapad',
  edited: 'ändrad',
  submitted: STATUS_LABEL.submitted,
  'confirmation-requested': 'skickad för bekräftelse',
  confirmed: 'bekräftad',
  declined: 'inte bekräftad',
  'confirmation-resent': 'ny länk för bekräftelse skickad',
  approved: STATUS_LABEL.approved,
  rejected: STATUS_LABEL.rejected,
  returned: STATUS_LABEL.returned,
  completed: STATUS_LABEL.completed,
  'follow-up-submitted': 'uppföljning inlämnad',
  'follow-up-waived': 'uppföljning struken',
  'follow-up-accepted': 'uppföljning godkänd',
  'follow-up-returned': 'uppföljning skickad tillbaka för komplettering',
  'deferral-requested': 'ny sista dag begärd',
  'deferral-approved': 'ny sista dag godkänd',
  'deferral-rejected': 'ny sista dag avslagen',
  'underspend-declared': 'medel lämnade tillbaka',
};

/** The documents an area owes after its activities end. */
export const KIND_LABEL: Record<FollowUpKind, string> = {
  collaborationPlan: 'plan för samarbete',
  sixMonthFollowUp: 'uppföljning efter sex månader',
  competencePlan: 'kompetensutvecklingsplan',
  developmentPlan: 'utvecklingsplan',
  participantSurvey: 'deltagarenkät',
};

/**
 * An obligation's status. `waived` is head office deciding that the area need not hand it in: the
 * plain word is "struken" (struck out), not the legal "efterskänkt".
 */
export const FOLLOW_UP_STATUS_LABEL: Record<FollowUpStatus, string> = {
  pending: 'inte inlämnad',
  submitted: 'inlämnad',
  accepted: 'godkänd',
  waived: 'struken',
};

/**
 * How an obligation stands in the follow-up report, in the singular and the plural, so that a count
 * reads right: "1 försenad", "3 försenade" (say it with `complianceCount`). Handed in late is said
 * as "efter sista dagen", so that it is never confused with `overdue` (not handed in, and late).
 */
export const COMPLIANCE_FORMS: Record<Compliance, { one: string; many: string }> = {
  onTime: { one: 'inlämnad i tid', many: 'inlämnade i tid' },
  late: { one: 'inlämnad efter sista dagen', many: 'inlämnade efter sista dagen' },
  overdue: { one: 'försenad', many: 'försenade' },
  pending: { one: 'med tid kvar', many: 'med tid kvar' },
  waived: { one: 'struken', many: 'strukna' },
};

/** The plural forms, as a heading or a legend names the group ("Försenade"). */
export const COMPLIANCE_LABEL: Record<Compliance, string> = {
  onTime: COMPLIANCE_FORMS.onTime.many,
  late: COMPLIANCE_FORMS.late.many,
  overdue: COMPLIANCE_FORMS.overdue.many,
  pending: COMPLIANCE_FORMS.pending.many,
  waived: COMPLIANCE_FORMS.waived.many,
};

export const ACTIVITY_LABEL: Record<ActivityType, string> = {
  knowledge: 'gemensam kunskapssatsning',
  collaborationPlan: 'plan för samarbete',
};

export const CATEGORY_LABEL: Record<CostCategory, string> = {
  lecturer: 'föreläsare',
  moderator: 'moderator eller processledare',
  seminarLeader: 'seminarieledare',
  processSupport: 'processtöd',
  premises: 'lokaler',
  catering: 'förtäring',
  travel: 'resor',
  accommodation: 'logi',
};

export const PARTNER_LABEL: Record<PartnerType, string> = {
  forsakringskassan: 'Försäkringskassan',
  arbetsformedlingen: 'Arbetsförmedlingen',
  kommun: 'kommunen',
  region: 'regionen',
};

/** A confirmer's answer (shared/domain/confirmations.ts). */
export const CONFIRMATION_STATUS_LABEL: Record<ConfirmationStatus, string> = {
  pending: 'väntar på svar',
  confirmed: 'bekräftad',
  declined: 'inte bekräftad',
};

/** Who someone is in the service: head office's project management, or an area's coordinator. */
export const ROLE_LABEL: Record<Role, string> = {
  admin: 'projektledning',
  coordinator: 'lokalt samverkansansvarig',
};

export const USER_STATUS_LABEL: Record<UserStatus, string> = {
  invited: 'inbjuden',
  active: 'aktiv',
  disabled: 'avstängd',
};

export const REGION_LABEL: Record<Region, string> = {
  nord: 'Nord',
  syd: 'Syd',
  vast: 'Väst',
  mitt: 'Mitt',
  stockholm: 'Stockholm',
};

/** Column names of the report tables: the same in the CSV files and in the form's tables. */
export const COLUMN_LABEL = {
  year: 'År',
  appropriation: 'Anslag',
  granted: 'Beviljat',
  disbursed: 'Utbetalt',
  repaid: 'Återbetalt',
  region: 'Region',
  areas: 'Områden',
  withApprovedApplication: 'Med beviljad ansökan',
  area: 'Område',
  application: 'Ansökan',
  followUp: 'Uppföljning',
  dueOn: 'Sista dag',
  status: 'Status',
  submittedOn: 'Inlämnad',
  daysLate: 'Dagar efter sista dag',
} as const;

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A whole number as Swedes write it (`1 250 000`, `−5 000`): what
 * `Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 })` writes — a no-break space between the
 * groups, so that a line never breaks inside an amount, the minus sign U+2212, halves rounded away
 * from zero — written out because the first Intl formatter of a process loads ICU's locale data,
 * tens of milliseconds of a cold start (issue 16). test/domain/numbers-and-lists.test.ts compares the two.
 */
export const wholeNumber = (n: number): string => {
  if (!Number.isFinite(n)) return new Intl.NumberFormat('sv-SE').format(n);
  const digits = BigInt(Math.round(Math.abs(n))).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return n < 0 || Object.is(n, -0) ? `\u2212${grouped}` : grouped;
};

/** An amount in kronor as Swedes read it: `1 250 000 kr`. */
export const sek = (amount: number): string => `${wholeNumber(amount)} kr`;

/** A count with its noun in the right number: `count(1, 'dag', 'dagar')` = `1 dag`, else `2 dagar`. */
export const count = (n: number, one: string, many: string): string =>
  `${wholeNumber(n)} ${n === 1 ? one : many}`;

/**
 * A list as a sentence says it: `lokaler, förtäring, resor och logi` — what
 * `Intl.ListFormat('sv', { type: 'conjunction' })` says, without loading ICU for it.
 */
export const listed = (words: readonly string[]): string =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} och ${words.at(-1)}`;

/** A count of obligations in a state, in the right number: `1 försenad`, `3 försenade`. */
export const complianceCount = (compliance: Compliance, n: number): string =>
  count(n, COMPLIANCE_FORMS[compliance].one, COMPLIANCE_FORMS[compliance].many);

/** A name in the genitive: `LFC Karlstads`, but `LFC Hagfors` stays as it is (a name ending in s, x or z). */
export const genitive = (name: string): string => (/[sxz]$/i.test(name) ? name : `${name}s`);

/** The reports by their Swedish names, as the form's buttons, the run list and the file names say them. */
export const REPORT_LABEL = {
  'programme-summary': 'programsammanställning',
  'follow-up-status': 'uppföljningsstatus',
  'repayment-risk': 'medel som riskerar att betalas tillbaka',
  goals: 'måluppfyllelse',
  'survey-results': 'enkätresultat',
} as const satisfies Record<ReportType, string>;

/** The tables a report is downloaded as. */
export const REPORT_TABLE_LABEL = {
  funds: 'medel per år',
  byRegion: 'områden per region',
  rows: 'uppföljningar',
  years: 'per år',
  applications: 'per ansökan',
  goalsByArea: 'per område',
  goalList: 'mål och utfall',
  rounds: 'enkätomgångar',
  areas: 'områden',
} as const satisfies Record<ReportTable, string>;

/** The participant survey's questions as the survey page asks them (KUR 1's own wording). */
export const SURVEY_QUESTION_LABEL = {
  valuable:
    'Var det värdefullt att utbildningen genomfördes tillsammans med personal från de andra parterna?',
  moreNeeded: 'Behövs fler liknande gemensamma utbildningar?',
  usesKnowledge: 'Använder du kunskaperna i ditt arbete?',
  workImproved:
    'Har arbetet med rehabilitering av personer med psykisk ohälsa blivit bättre på din arbetsplats?',
} as const;

/** The same questions as a report's columns and chart rows say them. */
export const SURVEY_QUESTION_SHORT = {
  valuable: 'Värdefullt med gemensam utbildning',
  moreNeeded: 'Behov av fler gemensamma utbildningar',
  usesKnowledge: 'Använder kunskaperna',
  workImproved: 'Rehabiliteringsarbetet har blivit bättre',
} as const;

export const SURVEY_ANSWER_LABEL = { yes: 'Ja', no: 'Nej', unknown: 'Vet ej' } as const;

/** Column names of the survey report's tables. */
export const SURVEY_COLUMN_LABEL = {
  area: COLUMN_LABEL.area,
  round: 'Enkät',
  responses: 'Svar',
  meanRating: 'Helhetsbetyg (medel av 1–5)',
  shareUnit: 'andel ja, %',
} as const;

/** Whether a goal was reached, as a follow-up reports it. */
export const GOAL_ACHIEVED_LABEL: Record<GoalAchieved, string> = {
  yes: 'uppnått',
  partly: 'delvis uppnått',
  no: 'inte uppnått',
};

export const GOAL_COLUMN_LABEL = {
  goal: 'Mål',
  goals: 'Mål',
  indicator: 'Hur det mäts',
  target: 'Målvärde',
  achieved: 'Utfall',
  comment: 'Kommentar',
  yes: 'Uppnått',
  partly: 'Delvis uppnått',
  no: 'Inte uppnått',
  notReported: 'Inte redovisat',
  total: 'Totalt',
  goalsAndOutcomes: 'Mål och utfall',
} as const;

/** Why granted money may come back unused (the repayment-risk report, the weekly e-mails). */
export const RISK_REASON_LABEL: Record<RiskReason, string> = {
  'ends-after-year': 'aktiviteterna slutar efter årets slut',
  'not-completed-near-year-end': 'inte slutrapporterad och året slutar snart',
};

export const RISK_COLUMN_LABEL = {
  atRisk: 'Riskerar att betalas tillbaka',
  plannedEnd: 'Planerat slut',
  reason: 'Varför',
} as const;
