import { type CostCategory, ELIGIBLE_COST_CATEGORIES } from '../../domain/application.ts';
import {
  ACTION_LABEL,
  ACTIVITY_LABEL,
  CATEGORY_LABEL,
  capitalised,
  FOLLOW_UP_STATUS_LABEL,
  KIND_LABEL,
  PARTNER_LABEL,
  STATUS_LABEL,
} from '../../domain/vocabulary.ts';

/**
 * The server's vocabulary (shared/domain/vocabulary.ts) as the form shows a word standing alone —
 * a tag, a legend, a table cell: capitalised. The words themselves are named there only, so that
 * the form, the e-mails and the reports call a status the same.
 */
const standalone = <K extends string>(words: Record<K, string>): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(words).map(([key, word]) => [key, capitalised(word)])) as Record<
    K,
    string
  >;

export const STATUS = standalone(STATUS_LABEL);
export const ACTION = standalone(ACTION_LABEL);
export const ACTIVITY = standalone(ACTIVITY_LABEL);
export const PARTNER = standalone(PARTNER_LABEL);
export const KIND = standalone(KIND_LABEL);
export const FOLLOW_UP_STATUS = standalone(FOLLOW_UP_STATUS_LABEL);

/** A cost category as the form offers it: one that is never granted says so where it is chosen. */
export const categoryChoice = (category: CostCategory): string =>
  (ELIGIBLE_COST_CATEGORIES as readonly string[]).includes(category)
    ? capitalised(CATEGORY_LABEL[category])
    : `${capitalised(CATEGORY_LABEL[category])} (kan inte beviljas)`;

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** A moment as the users read it: their own (Stockholm) date and time, `2015-06-10 14:05`. */
export const when = (iso: string): string => dateTime.format(new Date(iso));
