import { describe, expect, it } from 'vitest';
import { isoWeek } from '../../shared/domain/dates.ts';
import { checkGoalOutcomes, goalOutcomeViolations } from '../../shared/domain/goals.ts';
import { type RiskApplication, repaymentRisk, riskReason } from '../../shared/domain/repayment-risk.ts';
import { riskAlertSeason } from '../../shared/domain/risk-alerts.ts';
import { declareUnderspend } from '../../shared/domain/underspend.ts';
import { application } from '../support/domain-factories.ts';

const app = (overrides: Partial<RiskApplication> = {}): RiskApplication => ({
  id: 'a1',
  title: 'Gemensam grund',
  areaId: 'karlstad',
  status: 'approved',
  grantedByYear: { '2014': 100_000, '2015': 200_000 },
  activities: [{ plannedEnd: '2014-11-30' }, { plannedEnd: '2015-03-31' }],
  decision: { decidedOn: '2014-05-01' },
  ...overrides,
});

describe('money at risk', () => {
  it('puts a year’s grant at risk when the activities end after the year, judged by the latest planned end', () => {
    expect(riskReason(app(), 2014, '2014-06-01')).toBe('ends-after-year');
    expect(riskReason(app(), 2015, '2014-06-01')).toBeUndefined();
  });

  it('puts it at risk within 60 days of the year’s end while the application is not completed', () => {
    const inYear = app({ activities: [{ plannedEnd: '2014-11-30' }] });
    expect(riskReason(inYear, 2014, '2014-10-31')).toBeUndefined();
    expect(riskReason(inYear, 2014, '2014-11-01')).toBe('not-completed-near-year-end');
    expect(riskReason(inYear, 2014, '2014-12-31')).toBe('not-completed-near-year-end');
    // After the year's end the money is repaid, not at risk.
    expect(riskReason(inYear, 2014, '2015-01-01')).toBeUndefined();
  });

  it('judges by asOf: not yet decided is not granted, completed by then is not at risk', () => {
    expect(riskReason(app({ decision: { decidedOn: '2014-10-02' } }), 2014, '2014-10-01')).toBeUndefined();
    const completed = app({ status: 'completed', completion: { reportedOn: '2014-12-01' } });
    expect(riskReason(completed, 2014, '2014-11-30')).toBe('ends-after-year');
    expect(riskReason(completed, 2014, '2014-12-01')).toBeUndefined();
  });

  it('sums per year what is granted, disbursed and at risk, and lists the applications at risk', () => {
    const report = repaymentRisk({
      programme: {
        id: 'kur2',
        years: [
          { year: 2015, appropriation: 10_000_000 },
          { year: 2014, appropriation: 10_000_000 },
        ],
      },
      areas: [{ id: 'karlstad', name: 'LFC Karlstad' }],
      applications: [
        app(),
        app({
          id: 'a2',
          status: 'completed',
          grantedByYear: { '2014': 50_000 },
          disbursedByYear: { '2014': 40_000 },
          completion: { reportedOn: '2014-09-01' },
        }),
      ],
      asOf: '2014-10-01',
    });
    expect(report.years.map((y) => [y.year, y.granted, y.disbursed, y.atRisk])).toEqual([
      [2014, 150_000, 40_000, 100_000],
      [2015, 200_000, 0, 0],
    ]);
    expect(report.years[0]?.applications).toEqual([
      {
        applicationId: 'a1',
        title: 'Gemensam grund',
        areaId: 'karlstad',
        areaName: 'LFC Karlstad',
        plannedEnd: '2015-03-31',
        granted: 100_000,
        reason: 'ends-after-year',
      },
    ]);
  });
});

describe('weekly e-mails', () => {
  it('start on 1 October and count ISO weeks from Monday', () => {
    expect(riskAlertSeason('2014-09-30')).toBe(false);
    expect(riskAlertSeason('2014-10-01')).toBe(true);
    expect(riskAlertSeason('2014-12-31')).toBe(true);
    expect(isoWeek('2014-10-05')).toBe('2014-W40');
    expect(isoWeek('2014-10-06')).toBe('2014-W41');
    // 29 December 2014 is in the first week of 2015.
    expect(isoWeek('2014-12-29')).toBe('2015-W01');
  });
});

describe('goal outcomes', () => {
  const goals = [
    { description: 'A', indicator: 'i', target: 't' },
    { description: 'B', indicator: 'i', target: 't' },
  ];
  it('asks for one outcome per goal, never one for a goal that is not there', () => {
    expect(goalOutcomeViolations(goals, [{ goal: 1, achieved: 'no', comment: 'x' }]).missing).toEqual([
      expect.objectContaining({ rule: 'incomplete', paths: ['goalOutcomes.0'] }),
    ]);
    expect(() =>
      checkGoalOutcomes(goals, [
        { goal: 0, achieved: 'yes', comment: 'x' },
        { goal: 0, achieved: 'no', comment: 'x' },
        { goal: 1, achieved: 'no', comment: 'x' },
      ]),
    ).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ path: 'goalOutcomes.1.goal' })],
      }),
    );
    expect(() => checkGoalOutcomes([], [])).not.toThrow();
  });
});

describe('declared underspend', () => {
  const approved = application({ status: 'approved', grantedByYear: { '2014': 100_000, '2015': 50_000 } });
  const now = new Date('2014-06-01T10:00:00Z');
  it('shrinks the year’s grant, dropping a year given back whole', () => {
    const next = declareUnderspend(
      approved,
      { year: 2014, amount: 100_000, reason: 'r' },
      'a@b.se',
      '2014-06-01',
      now,
    );
    expect(next.grantedByYear).toEqual({ '2015': 50_000 });
    expect(next.version).toBe(approved.version + 1);
  });
  it('refuses more than is granted and not disbursed', () => {
    expect(() =>
      declareUnderspend(approved, { year: 2015, amount: 50_001, reason: 'r' }, 'a@b.se', '2014-06-01', now),
    ).toThrow(
      expect.objectContaining({
        violations: [expect.objectContaining({ rule: 'underspend-exceeds-grant' })],
      }),
    );
  });
});
