import { describe, expect, it } from 'vitest';
import type { Region } from '../../shared/domain/area.ts';
import {
  asciiFileName,
  compliance,
  followUpStatus,
  programmeSummary,
  type ReportedApplication,
  type ReportedFollowUp,
  reportFileName,
  reportRunDescription,
  reportTable,
  yearEnded,
} from '../../shared/domain/reports.ts';

const KUR2 = {
  id: 'kur2',
  years: [
    { year: 2015, appropriation: 10_000_000 },
    { year: 2014, appropriation: 10_000_000 },
  ],
};
const areas: { id: string; name: string; region: Region }[] = [
  { id: 'lulea', name: 'LFC Luleå', region: 'nord' },
  { id: 'umea', name: 'LFC Umeå', region: 'nord' },
  { id: 'malmo', name: 'LFC Malmö', region: 'syd' },
  { id: 'karlstad', name: 'LFC Karlstad', region: 'mitt' },
];
const app = (overrides: Partial<ReportedApplication>): ReportedApplication => ({
  areaId: 'karlstad',
  status: 'approved',
  activityTypes: ['knowledge'],
  consulted: false,
  ...overrides,
});
const summary = (applications: ReportedApplication[], asOf = '2016-02-15') =>
  programmeSummary({
    programme: KUR2,
    areas,
    applications,
    yearTotals: {
      '2014': { granted: 3_400_000, disbursed: 2_758_124 },
      '2015': { granted: 9_500_000, disbursed: 8_782_890 },
    },
    asOf,
  });

describe('programme-summary', () => {
  it('repays a year only once it has ended by asOf', () => {
    expect(yearEnded(2014, '2014-12-31')).toBe(false);
    expect(yearEnded(2014, '2015-01-01')).toBe(true);

    const after = summary([], '2016-02-15');
    expect(after.funds).toEqual([
      { year: 2014, appropriation: 10_000_000, granted: 3_400_000, disbursed: 2_758_124, repaid: 7_241_876 },
      { year: 2015, appropriation: 10_000_000, granted: 9_500_000, disbursed: 8_782_890, repaid: 1_217_110 },
    ]);
    expect(after.totals).toEqual({
      appropriation: 20_000_000,
      granted: 12_900_000,
      disbursed: 11_541_014,
      repaid: 8_458_986,
    });

    const during = summary([], '2015-06-30');
    expect(during.funds.map((f) => f.repaid)).toEqual([7_241_876, null]);
    expect(during.totals.repaid).toBe(7_241_876);
    expect(summary([], '2014-12-31').totals.repaid).toBe(0);
  });

  it('counts a year nobody was granted from as zero, not missing', () => {
    const report = programmeSummary({
      programme: KUR2,
      areas,
      applications: [],
      yearTotals: {},
      asOf: '2016-01-01',
    });
    expect(report.funds[1]).toEqual({
      year: 2015,
      appropriation: 10_000_000,
      granted: 0,
      disbursed: 0,
      repaid: 10_000_000,
    });
  });

  it('counts rejected, returned, draft and submitted applications nowhere', () => {
    const report = summary(
      (['rejected', 'returned', 'draft', 'submitted'] as const).map((status) =>
        app({ status, areaId: 'lulea', activityTypes: ['knowledge', 'collaborationPlan'], consulted: true }),
      ),
    );
    expect(report.areas).toEqual({ total: 4, withApprovedApplication: 0 });
    expect(report.activityMix).toEqual({ knowledgeOnly: 0, collaborationPlanOnly: 0, both: 0 });
    expect(report.userInvolvement).toEqual({ consulted: 0, notConsulted: 0 });
    expect(report.byRegion.find((r) => r.region === 'nord')).toEqual({
      region: 'nord',
      areas: 2,
      withApprovedApplication: 0,
    });
  });

  it('counts an area with two applications once, with the union of their activities', () => {
    const report = summary([
      app({ areaId: 'karlstad', activityTypes: ['knowledge'], consulted: false }),
      app({ areaId: 'karlstad', status: 'completed', activityTypes: ['collaborationPlan'], consulted: true }),
      app({ areaId: 'malmo', activityTypes: ['knowledge'] }),
      app({ areaId: 'malmo', status: 'rejected', activityTypes: ['collaborationPlan'], consulted: true }),
      app({ areaId: 'lulea', status: 'completed', activityTypes: ['collaborationPlan'] }),
    ]);
    expect(report.areas).toEqual({ total: 4, withApprovedApplication: 3 });
    expect(report.activityMix).toEqual({ knowledgeOnly: 1, collaborationPlanOnly: 1, both: 1 });
    expect(report.userInvolvement).toEqual({ consulted: 1, notConsulted: 2 });
    expect(report.byRegion).toEqual([
      { region: 'nord', areas: 2, withApprovedApplication: 1 },
      { region: 'syd', areas: 1, withApprovedApplication: 1 },
      { region: 'vast', areas: 0, withApprovedApplication: 0 },
      { region: 'mitt', areas: 1, withApprovedApplication: 1 },
      { region: 'stockholm', areas: 0, withApprovedApplication: 0 },
    ]);
  });

  it('tables funds and regions with Swedish headers and plain integers', () => {
    const report = summary([app({})], '2015-06-30');
    expect(reportTable(report, 'funds')).toEqual({
      header: ['År', 'Anslag', 'Beviljat', 'Utbetalt', 'Återbetalt'],
      rows: [
        [2014, 10_000_000, 3_400_000, 2_758_124, 7_241_876],
        [2015, 10_000_000, 9_500_000, 8_782_890, null],
      ],
    });
    expect(reportTable(report, 'byRegion').rows[2]).toEqual(['Väst', 0, 0]);
    expect(reportFileName(report, 'funds')).toBe('kur2-programsammanställning-medel-per-år-2015-06-30.csv');
    expect(reportFileName(report, 'byRegion')).toBe(
      'kur2-programsammanställning-områden-per-region-2015-06-30.csv',
    );
    expect(asciiFileName(reportFileName(report, 'byRegion'))).toBe(
      'kur2-programsammanstallning-omraden-per-region-2015-06-30.csv',
    );
  });

  it('describes a recorded run in words, not in internal names', () => {
    expect(reportRunDescription({ type: 'programme-summary', format: 'csv', table: 'byRegion' })).toBe(
      'Programsammanställning, CSV-fil med områden per region',
    );
    expect(reportRunDescription({ type: 'follow-up-status', format: 'json' })).toBe(
      'Uppföljningsstatus, visad på skärmen',
    );
  });
});

describe('follow-up-status', () => {
  const f = (overrides: Partial<ReportedFollowUp>): ReportedFollowUp => ({
    id: 'f',
    applicationId: 'a1',
    areaId: 'karlstad',
    kind: 'competencePlan',
    dueOn: '2015-06-30',
    status: 'pending',
    ...overrides,
  });

  it('judges each obligation as of asOf', () => {
    const asOf = '2015-07-03';
    expect(compliance(f({ status: 'submitted', submittedOn: '2015-06-30' }), asOf)).toEqual({
      status: 'submitted',
      compliance: 'onTime',
      daysLate: 0,
    });
    expect(compliance(f({ status: 'submitted', submittedOn: '2015-07-03' }), asOf)).toEqual({
      status: 'submitted',
      compliance: 'late',
      daysLate: 3,
    });
    expect(compliance(f({ dueOn: '2015-07-02' }), asOf)).toEqual({
      status: 'pending',
      compliance: 'overdue',
      daysLate: 1,
    });
    // Due on asOf itself is not overdue yet.
    expect(compliance(f({ dueOn: '2015-07-03' }), asOf)).toEqual({
      status: 'pending',
      compliance: 'pending',
      daysLate: 0,
    });
    expect(compliance(f({ status: 'waived', waivedOn: '2015-05-05' }), asOf).compliance).toBe('waived');
  });

  it('counts an accepted obligation as handed in on its submittedOn, on time or late', () => {
    expect(compliance(f({ status: 'accepted', submittedOn: '2015-06-30' }), '2015-07-03')).toEqual({
      status: 'accepted',
      compliance: 'onTime',
      daysLate: 0,
    });
    expect(compliance(f({ status: 'accepted', submittedOn: '2015-07-02' }), '2015-07-03')).toEqual({
      status: 'accepted',
      compliance: 'late',
      daysLate: 2,
    });
    // Not handed in yet on 2015-07-01: overdue then.
    expect(compliance(f({ status: 'accepted', submittedOn: '2015-07-02' }), '2015-07-01').compliance).toBe(
      'overdue',
    );
  });

  it('sees a submission or waiver after asOf as not yet made', () => {
    expect(compliance(f({ status: 'submitted', submittedOn: '2015-07-03' }), '2015-07-01')).toEqual({
      status: 'pending',
      compliance: 'overdue',
      daysLate: 1,
    });
    expect(
      compliance(f({ status: 'waived', waivedOn: '2015-07-10', dueOn: '2015-08-01' }), '2015-07-03'),
    ).toEqual({ status: 'pending', compliance: 'pending', daysLate: 0 });
  });

  it('names the area, region and application of each row, and counts every class', () => {
    const report = followUpStatus({
      programmeId: 'kur2',
      asOf: '2015-07-03',
      followUps: [
        f({ id: 'f1', status: 'submitted', submittedOn: '2015-07-03' }),
        f({ id: 'f2', areaId: 'malmo', applicationId: 'a2', kind: 'collaborationPlan', dueOn: '2015-05-28' }),
        f({ id: 'f3', areaId: 'gone', applicationId: 'a3', dueOn: '2015-12-01' }),
      ],
      areas,
      titles: new Map([
        ['a1', 'Gemensam grund i Värmland'],
        ['a2', 'Samverkan i Malmö'],
      ]),
    });
    expect(report.counts).toEqual({ onTime: 0, late: 1, overdue: 1, pending: 1, waived: 0 });
    expect(report.rows[0]).toEqual({
      followUpId: 'f1',
      applicationId: 'a1',
      applicationTitle: 'Gemensam grund i Värmland',
      areaId: 'karlstad',
      areaName: 'LFC Karlstad',
      region: 'mitt',
      kind: 'competencePlan',
      dueOn: '2015-06-30',
      status: 'submitted',
      submittedOn: '2015-07-03',
      daysLate: 3,
      goals: [],
    });
    expect(report.rows[1]).toMatchObject({ areaName: 'LFC Malmö', region: 'syd', daysLate: 36 });
    expect(report.rows[1]).not.toHaveProperty('submittedOn');
    expect(report.rows[2]).toMatchObject({ areaName: 'gone', region: null, applicationTitle: '' });
    expect(reportTable(report, 'rows').rows[1]).toEqual([
      'LFC Malmö',
      'Syd',
      'Samverkan i Malmö',
      'Plan för samarbete',
      '2015-05-28',
      'Inte inlämnad',
      null,
      36,
      // No goals: an empty cell.
      null,
    ]);
  });
});
