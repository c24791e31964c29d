import { randomBytes } from 'node:crypto';
import { AlreadyAnswered, NotFound, TooManyRequests, ValidationFailed } from '../domain/errors.ts';
import type { FollowUp } from '../domain/follow-ups.ts';
import { surveyOpened } from '../domain/survey-emails.ts';
import {
  announceNow,
  closesAsSubmitted,
  misplacedAnswers,
  SURVEY_QUESTIONS,
  type SurveyPhase,
  type SurveyWindow,
  surveyPhase,
  surveyRoundOf,
  surveyWindow,
} from '../domain/surveys.ts';
import {
  type ApplicationStore,
  type AreaStore,
  type Clock,
  type FollowUpStore,
  type Log,
  LostRace,
  type ProgrammeStore,
  type SurveyLink,
  type SurveyStore,
} from '../ports.ts';
import type { SurveyResponseBody } from '../schemas/survey.ts';
import { retryLostRaces } from './support.ts';

export interface SurveyPorts {
  surveys: SurveyStore;
  followUps: Pick<FollowUpStore, 'get' | 'write'>;
  programmes: Pick<ProgrammeStore, 'get' | 'list'>;
  applications: Pick<ApplicationStore, 'get'>;
  areas: Pick<AreaStore, 'get'>;
  clock: Clock;
  /** Where the API answers: the survey links' base. */
  apiUrl: string;
  log?: Log;
}

/** The survey as a follow-up answer shows it (API.md "Surveys"). */
export interface FollowUpSurvey extends SurveyWindow {
  url: string | null;
  responses: number;
}

/** What the survey page shows: where the round stands, and what to ask. */
export interface SurveyPageState extends SurveyWindow {
  phase: SurveyPhase | 'answered';
  areaName: string;
  applicationTitle: string;
}

/**
 * Responses stored before the tallies existed that one daily run moves: a transaction each, one
 * after another (~20–30 ms each on DynamoDB, so well inside the job's five minutes).
 */
export const MOVES_PER_RUN = 1_000;

/** Answers one link takes per minute: a room of participants answering at once, not a script. */
export const ANSWERS_PER_MINUTE = 60;

/** 32 random bytes, base64url: 43 characters, 256 bits that nobody guesses. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const newToken = (): string => randomBytes(32).toString('base64url');

/** One answer for every link that opens nothing — unknown, malformed or closed alike. */
const noSuchSurvey = () => new NotFound('Enkäten finns inte eller är stängd.');

/**
 * Participant surveys: the anonymous link of each surveyed obligation (made on first need, like
 * the calendar's), the page and its answers, and the daily round: the link e-mailed when a round
 * opens, and a round that closed with answers handed in on its closing day.
 */
export const makeSurveys = ({
  surveys,
  followUps,
  programmes,
  applications,
  areas,
  clock,
  apiUrl,
  log,
}: SurveyPorts) => {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  const urlOf = (token: string | undefined) => (token ? new URL(`s/${token}`, base).toString() : null);

  /** The round an obligation is, with its window; undefined when its programme does not survey it. */
  const windowOf = async (followUp: FollowUp): Promise<SurveyWindow | undefined> => {
    if (followUp.kind !== 'participantSurvey') return undefined;
    const programme = await programmes.get(followUp.programmeId);
    const round = surveyRoundOf(programme?.surveys, followUp);
    return round === undefined ? undefined : surveyWindow(round, followUp.dueOn);
  };

  /** The obligation's link: made the first time it is needed; two at once agree on the winner's. */
  const ensureLink = async (followUp: FollowUp): Promise<SurveyLink> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await surveys.link(followUp.id);
      if (existing) return existing;
      const token = newToken();
      if (await surveys.createLink(followUp, token, clock.now())) {
        return { followUpId: followUp.id, token, responses: 0 };
      }
    }
    throw new Error(`The survey link of ${followUp.id} could be neither made nor read`);
  };

  /** `survey` of a follow-up answer; undefined for an obligation that is not a surveyed round. */
  const surveyOf = async (followUp: FollowUp): Promise<FollowUpSurvey | undefined> => {
    const window = await windowOf(followUp);
    if (!window) return undefined;
    const link = await ensureLink(followUp);
    return { ...window, url: urlOf(link.token), responses: link.responses };
  };

  /** The surveyed obligation a token opens, or the same 404 for anything else. */
  const open = async (token: string) => {
    if (!TOKEN.test(token)) throw noSuchSurvey();
    const followUpId = await surveys.followUpOf(token);
    const followUp = followUpId ? await followUps.get(followUpId) : undefined;
    const window = followUp ? await windowOf(followUp) : undefined;
    if (!followUp || !window) throw noSuchSurvey();
    return { followUp, window };
  };

  const page = async (token: string, answered: boolean): Promise<SurveyPageState> => {
    const { followUp, window } = await open(token);
    const phase = surveyPhase(window, clock.today());
    const area = await areas.get(followUp.areaId);
    return {
      ...window,
      phase: phase === 'open' && answered ? 'answered' : phase,
      areaName: area?.name ?? '',
      applicationTitle: followUp.applicationTitle,
    };
  };

  /**
   * One participant's answer. A closed or unknown link is the same 404; the browser that answered
   * already is a 409; more than the per-link limit in a minute is a 429.
   */
  const respond = async (token: string, body: SurveyResponseBody, answered: boolean): Promise<void> => {
    const { followUp, window } = await open(token);
    if (surveyPhase(window, clock.today()) !== 'open' || followUp.status === 'waived') throw noSuchSurvey();
    if (answered) throw new AlreadyAnswered();
    const answers = Object.fromEntries(
      SURVEY_QUESTIONS.flatMap((q) => (body[q] === undefined ? [] : [[q, body[q]]])),
    );
    const { unexpected, missing } = misplacedAnswers(window.round, answers);
    if (unexpected.length > 0 || missing.length > 0) {
      throw new ValidationFailed([
        ...unexpected.map((q) => ({ path: q, message: 'Frågan ingår inte i den här enkäten' })),
        ...missing.map((q) => ({ path: q, message: 'Välj ja, nej eller vet ej' })),
      ]);
    }
    const now = clock.now();
    if (!(await surveys.admit(token, now, ANSWERS_PER_MINUTE))) {
      throw new TooManyRequests(60 - now.getUTCSeconds());
    }
    await retryLostRaces(async () => {
      // Read again on a lost race: a completion may have moved the round meanwhile.
      const current = await followUps.get(followUp.id);
      const currentWindow = current ? await windowOf(current) : undefined;
      if (!current || !currentWindow || surveyPhase(currentWindow, clock.today()) !== 'open')
        throw noSuchSurvey();
      await surveys.addResponse(
        token,
        {
          programmeId: current.programmeId,
          areaId: current.areaId,
          followUpId: current.id,
          round: currentWindow.round,
          rating: body.rating,
          answers,
          ...(body.comment ? { comment: body.comment } : {}),
          answeredOn: clock.today(),
        },
        current.dueOn,
        now,
      );
    });
  };

  /**
   * The daily part of the reminder job: each pending surveyed round that is open gets its e-mail
   * once; each that has closed with answers is handed in on its closing day. Safe to run twice.
   */
  const run = async (today: string, now: Date) => {
    let announced = 0;
    let closed = 0;
    for (const followUp of await surveys.dueSurveys(today)) {
      const window = await windowOf(followUp);
      if (!window) continue;
      const link = await ensureLink(followUp);
      if (announceNow(window, today) && link.token) {
        const area = await areas.get(followUp.areaId);
        if (area) {
          const email = surveyOpened({
            area,
            applicationTitle: followUp.applicationTitle,
            window,
            url: urlOf(link.token) ?? '',
          });
          const sent = await surveys.announce(
            followUp.id,
            { email, source: { followUpId: followUp.id, kind: `survey-opened${window.round}` } },
            now,
          );
          if (sent) announced++;
        }
      }
      if (closesAsSubmitted(followUp, window, link.responses, today)) {
        await handIn(followUp, window, link.responses, now);
        closed++;
      }
    }
    const moved = await moveUntallied();
    log?.info('survey run', { today, announced, closed, moved });
    return { announced, closed, moved };
  };

  /** Responses stored before the tallies existed, moved a run's share at a time, programme by programme. */
  const moveUntallied = async () => {
    let moved = 0;
    for (const programme of await programmes.list()) {
      if (moved >= MOVES_PER_RUN) break;
      moved += await surveys.moveUntallied(programme.id, MOVES_PER_RUN - moved);
    }
    return moved;
  };

  /** The round closed with answers: submitted on its closing day, with the count as its summary. */
  const handIn = async (followUp: FollowUp, window: SurveyWindow, responses: number, now: Date) => {
    const app = await applications.get(followUp.applicationId);
    const summary = `Deltagarenkät ${window.round}: ${responses} svar`;
    const submission = { submittedOn: window.closesOn, submittedBy: 'system', summary };
    await followUps
      .write({
        previous: followUp,
        next: {
          ...followUp,
          status: 'submitted',
          submittedOn: window.closesOn,
          summary,
          submissions: [...followUp.submissions, submission],
          version: followUp.version + 1,
          updatedAt: now.toISOString(),
        },
        event: {
          at: now.toISOString(),
          actor: 'system',
          action: 'follow-up-submitted',
          version: app?.version ?? 0,
          detail: `${followUp.kind} ${followUp.dueOn}`,
        },
        at: now,
      })
      // Another run handed it in first: nothing left to do.
      .catch((error: unknown) => {
        if (!(error instanceof LostRace)) throw error;
      });
  };

  return { surveyOf, page, respond, run };
};

export type Surveys = ReturnType<typeof makeSurveys>;
