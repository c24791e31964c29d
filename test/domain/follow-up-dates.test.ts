import { describe, expect, it } from 'vitest';
import { addDuration, daysBetween, stockholmDate } from '../../shared/domain/dates.ts';
import { obligationsFor } from '../../shared/domain/follow-ups.ts';
import { KUR2_FOLLOW_UP_RULES } from '../../shared/domain/programme.ts';
import { programme } from '../support/domain-factories.ts';

describe('due dates', () => {
  it.each([
    ['2015-03-31', 'P3M', '2015-06-30'], // 31 March + 3 months clamps to 30 June
    ['2015-01-31', 'P1M', '2015-02-28'],
    ['2016-01-31', 'P1M', '2016-02-29'], // leap year
    ['2015-08-31', 'P6M', '2016-02-29'], // into a leap February
    ['2014-08-31', 'P6M', '2015-02-28'],
    ['2016-02-29', 'P1Y', '2017-02-28'],
    ['2015-05-31', 'P0D', '2015-05-31'],
    ['2015-03-31', 'P6W', '2015-05-12'],
    ['2015-12-15', 'P6W', '2016-01-26'], // across a year end
    ['2015-03-28', 'P2D', '2015-03-30'], // across the spring DST night: dates do not shift
    ['2015-10-24', 'P1D', '2015-10-25'], // and the autumn one
  ])('%s + %s = %s', (from, offset, due) => {
    expect(addDuration(from, offset)).toBe(due);
  });

  it('counts days between calendar dates', () => {
    expect(daysBetween('2015-06-30', '2015-07-03')).toBe(3);
    expect(daysBetween('2015-07-03', '2015-06-30')).toBe(-3);
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2);
  });

  it('takes the calendar day in Europe/Stockholm, not UTC', () => {
    expect(stockholmDate(new Date('2015-03-30T22:30:00Z'))).toBe('2015-03-31'); // CEST, UTC+2
    expect(stockholmDate(new Date('2015-01-31T23:30:00Z'))).toBe('2015-02-01'); // CET, UTC+1
    expect(stockholmDate(new Date('2015-01-31T22:59:00Z'))).toBe('2015-01-31');
  });
});

describe('obligations from programme rules', () => {
  const ended = {
    knowledge: { type: 'knowledge' as const, endedOn: '2015-03-31' },
    plan: { type: 'collaborationPlan' as const, endedOn: '2015-05-31' },
  };

  it('KUR 2, both activities: the plan at its end and a six-month follow-up, no competence plan', () => {
    expect(obligationsFor([ended.knowledge, ended.plan], programme())).toEqual([
      { kind: 'collaborationPlan', dueOn: '2015-05-31' },
      { kind: 'sixMonthFollowUp', dueOn: '2015-11-30' },
    ]);
  });

  it('KUR 2, knowledge only: a competence plan three months after it ends', () => {
    expect(obligationsFor([ended.knowledge], programme())).toEqual([
      { kind: 'competencePlan', dueOn: '2015-06-30' },
    ]);
  });

  it('KUR 2, collaboration plan only: the plan and its six-month follow-up', () => {
    expect(obligationsFor([{ type: 'collaborationPlan', endedOn: '2015-08-31' }], programme())).toEqual([
      { kind: 'collaborationPlan', dueOn: '2015-08-31' },
      { kind: 'sixMonthFollowUp', dueOn: '2016-02-29' },
    ]);
  });

  it('KUR 1 as data: a development plan after six weeks and surveys at the end and after six months', () => {
    const kur1 = programme({
      activityTypes: ['knowledge'],
      followUpRules: [
        { kind: 'developmentPlan', appliesTo: 'any', anchor: 'knowledge', offset: 'P6W' },
        { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P0D' },
        { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P6M' },
      ],
    });
    expect(obligationsFor([{ type: 'knowledge', endedOn: '2011-11-30' }], kur1)).toEqual([
      { kind: 'developmentPlan', dueOn: '2012-01-11' },
      { kind: 'participantSurvey', dueOn: '2011-11-30' },
      { kind: 'participantSurvey', dueOn: '2012-05-30' },
    ]);
  });

  it('uses the KUR 2 rules by default', () => {
    expect(programme().followUpRules).toEqual(KUR2_FOLLOW_UP_RULES);
  });
});
