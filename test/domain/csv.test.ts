import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/domain/csv.ts';
import { followUpStatus, reportTable } from '../../shared/domain/reports.ts';

const parsed = (csv: string) => parse(csv, { bom: true, delimiter: ';' }) as string[][];

describe('CSV files for Excel', () => {
  it('neutralises text cells Excel would run as a formula, and leaves numbers as numbers', () => {
    const dangerous = ['=HYPERLINK("https://example.com","x")', '+1', '-2+3', '@SUM(A1:A2)', '\tx', '\rx'];
    const csv = toCsv({
      header: ['Text', 'Belopp', 'Skuld'],
      rows: dangerous.map((text, i) => [text, 100_000 + i, -(i + 1)]),
    });
    const [, ...rows] = parsed(csv);
    expect(rows.map((row) => row[0])).toEqual(dangerous.map((text) => `'${text}`));
    expect(rows.map((row) => row[1])).toEqual(['100000', '100001', '100002', '100003', '100004', '100005']);
    expect(rows.map((row) => row[2])).toEqual(['-1', '-2', '-3', '-4', '-5', '-6']);
  });

  it('leaves ordinary text, dates and empty cells as they are', () => {
    const csv = toCsv({
      header: ['Område', 'Datum', 'Tomt'],
      rows: [['LFC Malmö; Syd', '2015-06-30', null]],
    });
    expect(csv.startsWith('\uFEFFOmråde;Datum;Tomt\r\n')).toBe(true);
    expect(parsed(csv)[1]).toEqual(['LFC Malmö; Syd', '2015-06-30', '']);
  });

  it('neutralises a title typed as a formula in the follow-up report', () => {
    const report = followUpStatus({
      programmeId: 'kur2',
      asOf: '2015-07-15',
      followUps: [
        {
          id: 'f1',
          applicationId: 'a1',
          areaId: 'karlstad',
          kind: 'competencePlan',
          dueOn: '2015-06-30',
          status: 'pending',
        },
      ],
      areas: [{ id: 'karlstad', name: '@Karlstad', region: 'mitt' }],
      titles: new Map([['a1', '=HYPERLINK("https://angripare.example/","Klicka")']]),
    });
    const [header, row] = parsed(toCsv(reportTable(report, 'rows')));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Ansökan')).toBe('\'=HYPERLINK("https://angripare.example/","Klicka")');
    expect(cell('Område')).toBe("'@Karlstad");
    expect(cell('Dagar efter sista dag')).toBe('15');
  });
});
