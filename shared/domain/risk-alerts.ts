import type { Area } from './area.ts';
import type { IsoDate } from './dates.ts';
import { compose, type Email } from './email.ts';
import type { RepaymentRiskReport, RiskRow } from './repayment-risk.ts';
import { count, RISK_REASON_LABEL, sek } from './vocabulary.ts';

/**
 * The weekly warnings about money at risk (issue 15): from 1 October, while anything of a
 * programme is at risk, its management gets one summary a week and each area concerned one
 * reminder to complete or to declare what it will not use. Which week it is decides whether an
 * e-mail is due: each (programme, week, recipient) is claimed once.
 */

/** From 1 October to the year's end: late enough that money not used will soon be repaid. */
export const riskAlertSeason = (today: IsoDate): boolean => today.slice(5) >= '10-01';

/** One e-mail of a week: `management`, or `area:<id>` for an area's coordinators. */
export interface RiskAlert {
  recipient: string;
  email: Email;
}

const atRiskRows = (report: RepaymentRiskReport) =>
  report.years.flatMap((y) => y.applications.map((row) => ({ year: y.year, row })));

const line = ({ year, row }: { year: number; row: RiskRow }) =>
  `${year}: ${row.title || 'Ansökan utan titel'} (${row.areaName}), ${sek(row.granted)}, planerat slut ${row.plannedEnd ?? 'inte angivet'}: ${RISK_REASON_LABEL[row.reason]}.`;

const link = (formUrl: string) => ({ url: formUrl.replace(/\/?$/, '/'), label: 'Öppna KUR-formuläret' });

/** The week's e-mails for one programme; none when nothing is at risk. */
export const riskAlerts = (input: {
  report: RepaymentRiskReport;
  programme: { name: string; managementEmails: string[] };
  areas: readonly Area[];
  formUrl: string;
}): RiskAlert[] => {
  const rows = atRiskRows(input.report);
  if (rows.length === 0) return [];
  const { programme, report, formUrl } = input;
  const years = report.years.filter((y) => y.atRisk > 0);
  const summary: RiskAlert = {
    recipient: 'management',
    email: compose(
      programme.managementEmails,
      [],
      `${programme.name}: ${sek(years.reduce((sum, y) => sum + y.atRisk, 0))} riskerar att betalas tillbaka`,
      [
        `Den ${report.asOf} riskerar beviljade medel i ${programme.name} att inte användas före årets slut. Medel som inte används under året betalas tillbaka.`,
        years
          .map(
            (y) =>
              `${y.year}: ${sek(y.atRisk)} av ${sek(y.granted)} beviljat (${count(y.applications.length, 'ansökan', 'ansökningar')}).`,
          )
          .join('\n'),
        rows.map(line).join('\n'),
        'Områdena har fått en påminnelse om att slutrapportera eller anmäla vad de inte kommer att använda. Medel som lämnas tillbaka kan beviljas till andra områden. Rapporten ”Medel som riskerar att betalas tillbaka” visar läget.',
      ],
      link(formUrl),
    ),
  };
  const byArea = new Map<string, typeof rows>();
  for (const r of rows) byArea.set(r.row.areaId, [...(byArea.get(r.row.areaId) ?? []), r]);
  const areaAlerts = [...byArea].flatMap(([areaId, own]): RiskAlert[] => {
    const area = input.areas.find((a) => a.id === areaId);
    if (!area || area.coordinatorEmails.length === 0) return [];
    return [
      {
        recipient: `area:${areaId}`,
        email: compose(
          area.coordinatorEmails,
          [],
          `Beviljade medel riskerar att betalas tillbaka: ${area.name}`,
          [
            `${area.name} har beviljade medel i ${programme.name} som riskerar att inte användas före årets slut. Det som inte används under året betalas tillbaka och kan inte föras över till nästa år.`,
            own.map(line).join('\n'),
            'Slutrapportera ansökan om aktiviteterna är genomförda. Om ni inte kommer att använda allt, anmäl det i formuläret (Lämna tillbaka medel) så snart som möjligt, så kan medlen gå till andra områden.',
          ],
          link(formUrl),
        ),
      },
    ];
  });
  return [summary, ...areaAlerts];
};
