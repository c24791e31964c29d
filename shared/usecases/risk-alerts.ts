import { isoWeek } from '../domain/dates.ts';
import { repaymentRisk } from '../domain/repayment-risk.ts';
import { riskAlertSeason, riskAlerts } from '../domain/risk-alerts.ts';
import type { AreaStore, Log, OutgoingEmail, ProgrammeStore, ReportStore } from '../ports.ts';

/** Claims a week's e-mail and puts it in the outbox at once; false when this week's was sent already. */
export type RiskAlertClaim = (
  claim: { programmeId: string; week: string; recipient: string },
  email: OutgoingEmail,
  at: Date,
) => Promise<boolean>;

export interface RiskAlertPorts {
  programmes: Pick<ProgrammeStore, 'list'>;
  areas: Pick<AreaStore, 'list'>;
  reports: Pick<ReportStore, 'programmeApplications'>;
  claim: RiskAlertClaim;
  log: Log;
  formUrl: string;
}

/**
 * Part of the daily job: from 1 October, for each programme with money at risk as of today, the
 * week's summary to its management and a reminder to each area concerned — each once per ISO
 * week however often the job runs.
 */
export const makeRiskAlerts = ({ programmes, areas, reports, claim, log, formUrl }: RiskAlertPorts) => {
  const run = async (today: string, now: Date): Promise<{ sent: number }> => {
    if (!riskAlertSeason(today)) return { sent: 0 };
    const week = isoWeek(today);
    const [all, allAreas] = await Promise.all([programmes.list(), areas.list()]);
    let sent = 0;
    for (const programme of all) {
      const applications = await reports.programmeApplications(programme.id, {
        capacityUnits: 0,
        requests: 0,
      });
      const report = repaymentRisk({ programme, areas: allAreas, applications, asOf: today });
      for (const alert of riskAlerts({ report, programme, areas: allAreas, formUrl })) {
        const claimed = await claim(
          { programmeId: programme.id, week, recipient: alert.recipient },
          { email: alert.email, source: { kind: `repayment-risk-${alert.recipient.split(':')[0]}` } },
          now,
        );
        if (claimed) sent++;
      }
    }
    log.info('repayment risk alerts', { today, week, sent });
    return { sent };
  };
  return { run };
};

export type RiskAlerts = ReturnType<typeof makeRiskAlerts>;
