import { addDays, type IsoDate } from './dates.ts';
import type { FollowUpKind, FollowUpRule } from './programme.ts';

/**
 * Participant surveys (KUR 1's practice, API.md "Surveys"): each surveyed knowledge activity gets
 * one anonymous survey per round — right after the training and six months later. A round is a
 * `participantSurvey` obligation; it opens on its due date and closes 30 days later, and counts as
 * handed in when it closes with at least one response. Pure rules: no clock, no storage.
 */

/** A programme's survey rounds: offsets from the knowledge activity's end, round 1 first. */
export interface SurveySettings {
  rounds: string[];
}

export const SURVEY_ROUND_DAYS = 30;
export const SURVEY_COMMENT_MAX = 2000;

export const SURVEY_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

/** The yes/no questions, in the order the page asks them; the last two only in round 2. */
export const SURVEY_QUESTIONS = ['valuable', 'moreNeeded', 'usesKnowledge', 'workImproved'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];
const ROUND_TWO_ONLY: ReadonlySet<SurveyQuestion> = new Set(['usesKnowledge', 'workImproved']);

export const questionsOf = (round: number): readonly SurveyQuestion[] =>
  SURVEY_QUESTIONS.filter((q) => round >= 2 || !ROUND_TWO_ONLY.has(q));

/** One participant's answer, as stored: nothing about who gave it. */
export interface SurveyResponse {
  programmeId: string;
  areaId: string;
  followUpId: string;
  round: number;
  rating: number;
  answers: Partial<Record<SurveyQuestion, SurveyAnswer>>;
  comment?: string;
  answeredOn: IsoDate;
}

/** Where a round stands on a given day. */
export type SurveyPhase = 'before' | 'open' | 'closed';

export interface SurveyWindow {
  round: number;
  opensOn: IsoDate;
  closesOn: IsoDate;
}

/**
 * The round an obligation is, or undefined when it is not surveyed: a `participantSurvey`
 * obligation made by a rule whose offset is one of the programme's survey rounds.
 */
export const surveyRoundOf = (
  settings: SurveySettings | undefined,
  followUp: { kind: FollowUpKind; rule?: Pick<FollowUpRule, 'offset'> | undefined },
): number | undefined => {
  if (!settings || followUp.kind !== 'participantSurvey' || !followUp.rule) return undefined;
  const index = settings.rounds.indexOf(followUp.rule.offset);
  return index < 0 ? undefined : index + 1;
};

/** A round opens on its obligation's due date and closes 30 days later (both days included). */
export const surveyWindow = (round: number, dueOn: IsoDate): SurveyWindow => ({
  round,
  opensOn: dueOn,
  closesOn: addDays(dueOn, SURVEY_ROUND_DAYS),
});

export const surveyPhase = (
  window: Pick<SurveyWindow, 'opensOn' | 'closesOn'>,
  today: IsoDate,
): SurveyPhase => (today < window.opensOn ? 'before' : today > window.closesOn ? 'closed' : 'open');

/** The round's e-mail to the coordinators goes out while it is open (a round first seen closed gets none). */
export const announceNow = (window: SurveyWindow, today: IsoDate): boolean =>
  surveyPhase(window, today) === 'open';

/**
 * A pending round is handed in once it has closed with at least one response, on its closing day;
 * with none it stays pending (overdue, and reminded like any obligation).
 */
export const closesAsSubmitted = (
  followUp: { status: string },
  window: SurveyWindow,
  responses: number,
  today: IsoDate,
): boolean => followUp.status === 'pending' && surveyPhase(window, today) === 'closed' && responses > 0;

/**
 * The questions a response may answer in its round: a round-1 response answering a round-2
 * question is refused at that field (the page never asks it), and a round-2 one must answer all.
 */
export const misplacedAnswers = (
  round: number,
  answers: Partial<Record<SurveyQuestion, SurveyAnswer>>,
): { unexpected: SurveyQuestion[]; missing: SurveyQuestion[] } => {
  const asked = new Set(questionsOf(round));
  return {
    unexpected: SURVEY_QUESTIONS.filter((q) => answers[q] !== undefined && !asked.has(q)),
    missing: [...asked].filter((q) => answers[q] === undefined),
  };
};
