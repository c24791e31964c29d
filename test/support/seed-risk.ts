import type { AppVariation } from './seed-applications.ts';

/**
 * Money at risk in October (repayment-risk): the day the report is run for, and a variation of the
 * seeded applications (seed-applications.ts) under which some of their grants are at risk on it.
 * The completed ones reported on 10 April 2015 and the approved ones plan to end by 31 May 2015,
 * more than 60 days before the year's end: not at risk. Every fourth (approved, not completed)
 * plans to end in March 2016, after 2015: its 2015 grant is at risk, `ends-after-year`.
 */
export const RISK_AS_OF = '2015-10-20';

export const atRiskInOctober: AppVariation = (app, index) =>
  index % 4 === 1
    ? { ...app, activities: (app.activities ?? []).map((a) => ({ ...a, plannedEnd: '2016-03-31' })) }
    : app;
