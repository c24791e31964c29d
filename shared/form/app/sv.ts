import type { ApplicationStatus, CostCategory, PartnerType } from '../../domain/application.ts';
import { ELIGIBLE_COST_CATEGORIES } from '../../domain/application.ts';
import { FOLLOW_UP_NAMES_SV, type FollowUpStatus } from '../../domain/follow-ups.ts';
import type { HistoryEvent } from '../../domain/history.ts';
import type { ActivityType, FollowUpKind } from '../../domain/programme.ts';

/** The form's Swedish words for the API's values. */

export const STATUS_SV: Record<ApplicationStatus, string> = {
  draft: 'Utkast',
  submitted: 'Inskickad',
  approved: 'Beviljad',
  rejected: 'Avslagen',
  returned: 'Återsänd för komplettering',
  completed: 'Slutrapporterad',
};

export const ACTIVITY_SV: Record<ActivityType, string> = {
  knowledge: 'Gemensam kunskapssatsning',
  collaborationPlan: 'Plan för samarbete',
};

export const PARTNER_SV: Record<PartnerType, string> = {
  forsakringskassan: 'Försäkringskassan',
  arbetsformedlingen: 'Arbetsförmedlingen',
  kommun: 'Kommunen',
  region: 'Regionen',
};

const CATEGORY_NAMES: Record<CostCategory, string> = {
  lecturer: 'Föreläsare',
  moderator: 'Moderator eller processledare',
  seminarLeader: 'Seminarieledare',
  processSupport: 'Processtöd',
  premises: 'Lokaler',
  catering: 'Förtäring',
  travel: 'Resor',
  accommodation: 'Logi',
};

export const categorySv = (category: CostCategory): string =>
  (ELIGIBLE_COST_CATEGORIES as readonly string[]).includes(category)
    ? CATEGORY_NAMES[category]
    : `${CATEGORY_NAMES[category]} (kan inte beviljas)`;

export const FOLLOW_UP_STATUS_SV: Record<FollowUpStatus, string> = {
  pending: 'Ska lämnas',
  submitted: 'Inlämnad',
  waived: 'Efterskänkt',
};

export const followUpName = (kind: FollowUpKind): string => {
  const name = FOLLOW_UP_NAMES_SV[kind];
  return name.charAt(0).toUpperCase() + name.slice(1);
};

export const ACTION_SV: Record<HistoryEvent['action'], string> = {
  created: 'Skapad',
  edited: 'Ändrad',
  submitted: 'Inskickad',
  approved: 'Beviljad',
  rejected: 'Avslagen',
  returned: 'Återsänd',
  completed: 'Slutrapporterad',
  'follow-up-submitted': 'Uppföljning inlämnad',
  'follow-up-waived': 'Uppföljning efterskänkt',
};

export const REGION_SV: Record<string, string> = {
  nord: 'Nord',
  syd: 'Syd',
  vast: 'Väst',
  mitt: 'Mitt',
  stockholm: 'Stockholm',
};

const number = new Intl.NumberFormat('sv-SE');
export const sek = (amount: number): string => `${number.format(amount)} kr`;

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});
export const when = (iso: string): string => dateTime.format(new Date(iso));
