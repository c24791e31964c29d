import { describe, expect, it } from 'vitest';
import { meanRating, share, surveyResults } from '../../shared/domain/survey-results.ts';
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
    expect(share(['yes', 'yes', 'no', 'unknown'])).toBe(67);
    expect(share(['unknown', undefined])).toBeNull();
    expect(meanRating([4, 4, 3])).toBe(3.7);
    expect(meanRating([])).toBeNull();
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
      responses: [
        response({ rating: 5, comment: '<b>Bra</b>' }),
        response({ areaId: 'lulea', rating: 2, answers: { valuable: 'no', moreNeeded: 'unknown' } }),
        response({ answeredOn: '2012-01-02' }),
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
});
