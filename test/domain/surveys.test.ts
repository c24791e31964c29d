import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import {
  meanRating,
  monthOf,
  needsDays,
  share,
  sumTallies,
  surveyResults,
  tallyOf,
} from '../../shared/domain/survey-results.ts';
import {
  announceNow,
  closesAsSubmitted,
  misplacedAnswers,
  type SurveyResponse,
  surveyPhase,
  surveyRoundOf,
  surveyWindow,
} from '../../shared/domain/surveys.ts';

const KUR1 = { rounds: ['P0D', 'P6M'] };
const survey = (offset: string) => ({
  kind: 'participantSurvey' as const,
  rule: { offset },
});

describe('survey rounds', () => {
  it('a participantSurvey obligation is the round its rule’s offset names in the programme', () => {
    expect(surveyRoundOf(KUR1, survey('P0D'))).toBe(1);
    expect(surveyRoundOf(KUR1, survey('P6M'))).toBe(2);
    expect(surveyRoundOf(KUR1, survey('P3M'))).toBeUndefined();
    expect(surveyRoundOf(undefined, survey('P0D'))).toBeUndefined();
    expect(surveyRoundOf(KUR1, { kind: 'developmentPlan', rule: { offset: 'P0D' } })).toBeUndefined();
  });

  it('opens on its due date and closes 30 days later, both days included', () => {
    const window = surveyWindow(1, '2011-11-30');
    expect(window).toEqual({ round: 1, opensOn: '2011-11-30', closesOn: '2011-12-30' });
    expect(surveyPhase(window, '2011-11-29')).toBe('before');
    expect(surveyPhase(window, '2011-11-30')).toBe('open');
    expect(surveyPhase(window, '2011-12-30')).toBe('open');
    expect(surveyPhase(window, '2011-12-31')).toBe('closed');
    expect(announceNow(window, '2011-11-29')).toBe(false);
    expect(announceNow(window, '2011-12-01')).toBe(true);
    expect(announceNow(window, '2011-12-31')).toBe(false);
  });

  it('is handed in once closed with at least one response; with none it stays pending', () => {
    const window = surveyWindow(2, '2012-05-30');
    const pending = { status: 'pending' };
    expect(closesAsSubmitted(pending, window, 3, '2012-06-29')).toBe(false); // closing day: still open
    expect(closesAsSubmitted(pending, window, 3, '2012-06-30')).toBe(true);
    expect(closesAsSubmitted(pending, window, 0, '2012-07-30')).toBe(false);
    expect(closesAsSubmitted({ status: 'submitted' }, window, 3, '2012-06-30')).toBe(false);
  });

  it('round 1 asks two yes/no questions, round 2 four', () => {
    expect(misplacedAnswers(1, { valuable: 'yes', moreNeeded: 'no', usesKnowledge: 'yes' })).toEqual({
      unexpected: ['usesKnowledge'],
      missing: [],
    });
    expect(misplacedAnswers(2, { valuable: 'yes', moreNeeded: 'no' })).toEqual({
      unexpected: [],
      missing: ['usesKnowledge', 'workImproved'],
    });
  });
});

describe('survey results', () => {
  it('a share is yes / (yes + no) to a whole percent; "vet ej" counts in neither; none is null', () => {
    expect(share(2, 1)).toBe(67);
    expect(share(0, 0)).toBeNull();
    expect(meanRating(11, 3)).toBe(3.7);
    expect(meanRating(0, 0)).toBeNull();
  });

  it('counts per round and per area and round, only what came in by asOf', () => {
    const response = (fields: Partial<SurveyResponse>): SurveyResponse => ({
      programmeId: 'kur1',
      areaId: 'karlstad',
      followUpId: 'f1',
      round: 1,
      rating: 4,
      answers: { valuable: 'yes', moreNeeded: 'yes' },
      answeredOn: '2011-12-01',
      ...fields,
    });
    const report = surveyResults({
      programmeId: 'kur1',
      asOf: '2011-12-31',
      areas: [
        { id: 'karlstad', name: 'LFC Karlstad' },
        { id: 'lulea', name: 'LFC Luleå' },
      ],
      today: '2026-12-01',
      months: [],
      days: [
        response({ rating: 5 }),
        response({ areaId: 'lulea', rating: 2, answers: { valuable: 'no', moreNeeded: 'unknown' } }),
        response({ answeredOn: '2012-01-02' }),
      ].map(tallyOf),
      comments: [
        { areaId: 'karlstad', round: 1, answeredOn: '2011-12-01', text: '<b>Bra</b>' },
        { areaId: 'lulea', round: 1, answeredOn: '2012-01-02', text: 'Efter asOf' },
      ],
    });
    expect(report.rounds).toEqual([
      {
        round: 1,
        responses: 2,
        meanRating: 3.5,
        shares: { valuable: 50, moreNeeded: 100, usesKnowledge: null, workImproved: null },
      },
    ]);
    expect(report.areas.map((a) => [a.areaName, a.round, a.responses, a.meanRating])).toEqual([
      ['LFC Karlstad', 1, 1, 5],
      ['LFC Luleå', 1, 1, 2],
    ]);
    expect(report.comments).toEqual([
      { areaId: 'karlstad', areaName: 'LFC Karlstad', round: 1, text: '<b>Bra</b>' },
    ]);
  });

  it('sums per month, with day sums only for a past day within its month, give the report one tally per response gives', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const answer = () => (['yes', 'no', 'unknown'] as const)[random(3)];
    const responses: SurveyResponse[] = Array.from({ length: 3_000 }, () => {
      const round = 1 + random(2);
      return {
        programmeId: 'kur1',
        areaId: `area-${random(5)}`,
        followUpId: 'f1',
        round,
        rating: 1 + random(5),
        answers:
          round === 1
            ? { valuable: answer(), moreNeeded: answer() }
            : { valuable: answer(), moreNeeded: answer(), usesKnowledge: answer(), workImproved: answer() },
        answeredOn: addDays('2011-12-01', random(91)),
      };
    });
    const areas = [{ id: 'area-1', name: 'Område 1' }];
    const exact = (asOf: string, today: string) =>
      surveyResults({
        programmeId: 'kur1',
        asOf,
        today,
        months: [],
        days: responses.map(tallyOf),
        comments: [],
        areas,
      });
    const summed = (asOf: string, today: string) =>
      surveyResults({
        programmeId: 'kur1',
        asOf,
        today,
        months: sumTallies(responses.map(tallyOf), (t) => monthOf(t.period)),
        days: needsDays(asOf, today)
          ? sumTallies(responses.map(tallyOf)).filter((t) => monthOf(t.period) === monthOf(asOf))
          : [],
        comments: [],
        areas,
      });
    // A past day within its month: that month by its days.
    expect(needsDays('2012-01-20', '2026-12-01')).toBe(true);
    expect(summed('2012-01-20', '2026-12-01')).toEqual(exact('2012-01-20', '2026-12-01'));
    // A month's last day: the month whole.
    expect(needsDays('2012-01-31', '2026-12-01')).toBe(false);
    expect(summed('2012-01-31', '2026-12-01')).toEqual(exact('2012-01-31', '2026-12-01'));
    // Today: nothing can have been answered after it, so the month whole too.
    expect(needsDays('2012-03-01', '2012-03-01')).toBe(false);
    expect(summed('2012-03-01', '2012-03-01')).toEqual(exact('2012-03-01', '2012-03-01'));
    expect(exact('2012-01-20', '2026-12-01').rounds.reduce((n, r) => n + r.responses, 0)).toBe(
      responses.filter((r) => r.answeredOn <= '2012-01-20').length,
    );
  });
});
