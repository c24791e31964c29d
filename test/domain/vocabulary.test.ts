import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Area } from '../../shared/domain/area.ts';
import { toCsv } from '../../shared/domain/csv.ts';
import { decisionNotice, followUpReminder } from '../../shared/domain/email.ts';
import { complete, editDraft } from '../../shared/domain/lifecycle.ts';
import { followUpStatus, reportTable } from '../../shared/domain/reports.ts';
import { ACTION_LABEL, COLUMN_LABEL, complianceCount, STATUS_LABEL } from '../../shared/domain/vocabulary.ts';
import { FOLLOW_UP_STATUS, KIND, STATUS } from '../../shared/form/app/labels.ts';
import { application, programme } from '../support/domain-factories.ts';

/** One word per thing: what the form shows is what the e-mails, the API and the reports say. */

const area: Area = {
  id: 'karlstad',
  name: 'LFC Karlstad',
  region: 'mitt',
  coordinatorEmails: ['samverkan.karlstad@forsakringskassan.se'],
  managerEmail: 'omradeschef.karlstad@forsakringskassan.se',
  version: 1,
  createdAt: '2014-01-01T00:00:00.000Z',
  updatedAt: '2014-01-01T00:00:00.000Z',
};
const completed = application({ status: 'completed', title: 'Kunskap i Värmland' });
const now = new Date('2015-07-01T10:00:00Z');

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

const csvRow = (status: 'pending' | 'submitted' | 'waived') => {
  const report = followUpStatus({
    programmeId: 'kur2',
    asOf: '2015-07-15',
    followUps: [
      {
        id: 'f1',
        applicationId: completed.id,
        areaId: 'karlstad',
        kind: 'competencePlan',
        dueOn: '2015-06-30',
        status,
        ...(status === 'submitted' ? { submittedOn: '2015-07-01' } : {}),
        ...(status === 'waived' ? { waivedOn: '2015-07-01' } : {}),
      },
    ],
    areas: [area],
    titles: new Map([[completed.id, 'Kunskap i Värmland']]),
  });
  const rows = parse(toCsv(reportTable(report, 'rows')), { bom: true, delimiter: ';', columns: true });
  return rows[0] as Record<string, string>;
};

describe('the Swedish vocabulary', () => {
  it('calls a completed application the same in the form, the API and the reminder e-mail', () => {
    const word = STATUS.completed.toLowerCase();
    expect(word).toBe('slutrapporterad');
    const { id: _id, ...content } = completed;
    expect(refusal(() => editDraft(completed, content, now))).toContain(`Ansökan är ${word}`);
    expect(
      refusal(() => complete(completed, { activities: [], costs: [] }, programme(), '2015-07-01', now)),
    ).toContain(`Ansökan är ${word}`);
    const reminder = followUpReminder({
      followUp: { kind: 'competencePlan', dueOn: '2015-06-30' },
      step: 0,
      today: '2015-06-30',
      app: completed,
      area,
      managementEmails: [],
      formUrl: 'https://kur.example.se/',
    });
    expect(reminder.text).toContain(`som är ${word}`);
  });

  it('names a decision in its e-mail as the form tags it', () => {
    const approved = application({
      status: 'approved',
      grantedByYear: { '2014': 100_000 },
      decision: { outcome: 'approved', decidedOn: '2014-06-02', decidedBy: 'a@fk.se' },
    });
    expect(decisionNotice(approved, area, 'https://kur.example.se/').subject).toMatch(
      new RegExp(`^Ansökan ${STATUS.approved.toLowerCase()}: `),
    );
  });

  it('writes a follow-up and its status in the report file as the form shows them', () => {
    for (const status of ['pending', 'submitted', 'waived'] as const) {
      expect(csvRow(status).Status).toBe(FOLLOW_UP_STATUS[status]);
    }
    expect(csvRow('pending').Uppföljning).toBe(KIND.competencePlan);
  });

  it('counts obligations in the singular and the plural: 1 försenad, 3 försenade', () => {
    expect(complianceCount('overdue', 1)).toBe('1 försenad');
    expect(complianceCount('overdue', 3)).toBe('3 försenade');
    expect(complianceCount('onTime', 1)).toBe('1 inlämnad i tid');
    expect(complianceCount('waived', 2)).toBe('2 strukna');
  });

  it('never says "för sent" beside "försenad": handed in late is said after the due date', () => {
    expect(complianceCount('late', 2)).toBe('2 inlämnade efter sista dagen');
    expect(COLUMN_LABEL.daysLate).toBe('Dagar efter sista dag');
  });

  it('calls a waived follow-up by a plain word, the same in the report file as in its history', () => {
    expect(csvRow('waived').Status).toBe('Struken');
    expect(ACTION_LABEL['follow-up-waived']).toBe('uppföljning struken');
    for (const word of [...Object.values(STATUS_LABEL), ...Object.values(ACTION_LABEL)]) {
      expect(word).not.toMatch(/efterskänk/);
    }
  });

  it('says "skickad tillbaka för komplettering" of an application and of a follow-up alike', () => {
    expect(STATUS_LABEL.returned).toBe('skickad tillbaka för komplettering');
    expect(ACTION_LABEL['follow-up-returned']).toBe('uppföljning skickad tillbaka för komplettering');
  });
});
