import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../shared/domain/errors.ts';
import { decide, editDraft, submit } from '../../shared/domain/lifecycle.ts';
import { approvalRules, byRule, completionRules, submitRules } from '../../shared/domain/rules.ts';
import { sek } from '../../shared/domain/vocabulary.ts';
import { application, programme } from '../support/domain-factories.ts';

const rulesOf = (violations: { rule: string }[]) => violations.map((v) => v.rule).sort();
const now = new Date('2014-06-10T10:00:00Z');
const today = '2014-06-10';

describe('the rules an application must meet at submit', () => {
  it('passes a complete application within the cap', () => {
    expect(submitRules(application(), programme(), 0, today)).toEqual([]);
  });

  it('reports every failing rule at once, each with the fields it concerns', () => {
    const app = application({
      partners: [application().partners![0]!],
      budget: [
        { year: 2014, category: 'catering', amount: 10_000 },
        { year: 2016, category: 'lecturer', amount: 10_000 },
        { year: 2014, category: 'travel', amount: 5_000 },
      ],
      managementAnchored: false,
      activities: [
        {
          type: 'collaborationPlan',
          description: 'Plan',
          plannedStart: '2015-01-01',
          plannedEnd: '2014-12-31',
        },
      ],
    });
    const violations = byRule(submitRules(app, programme({ activityTypes: ['knowledge'] }), 0, today));
    expect(rulesOf(violations)).toEqual(
      [
        'activity-type-not-offered',
        'end-before-start',
        'ineligible-cost',
        'management-anchoring-missing',
        'missing-partner',
        'year-outside-programme',
      ].sort(),
    );
    expect(violations.find((v) => v.rule === 'ineligible-cost')?.paths).toEqual([
      'budget.0.category',
      'budget.2.category',
    ]);
    expect(violations.find((v) => v.rule === 'missing-partner')?.message).toBe(
      'Alla fyra huvudmän ska delta. Lägg till Arbetsförmedlingen, kommunen och regionen.',
    );
  });

  it('names what an incomplete application lacks', () => {
    const app = application({
      title: undefined,
      userInvolvement: undefined,
      budget: [],
      activities: [{ type: 'knowledge' }],
    });
    const [violation] = submitRules(app, programme(), 0, today);
    expect(violation?.rule).toBe('incomplete');
    expect(violation?.paths).toEqual([
      'title',
      'activities.0.description',
      'activities.0.plannedStart',
      'activities.0.plannedEnd',
      'userInvolvement',
      'budget',
    ]);
    expect(violation?.message).toBe(
      'Ansökan är inte komplett. Det saknas titel, beskrivning av aktiviteten, startdatum, slutdatum, ' +
        'svar om användarnas medverkan och budget.',
    );
    const [none] = submitRules(application({ activities: [] }), programme(), 0, today);
    expect(none?.message).toBe('Ansökan är inte komplett. Det saknas minst en aktivitet.');
  });

  it('checks the area cap against what the area has already been granted, to the krona', () => {
    // 300 000 requested; the cap is 500 000.
    expect(rulesOf(submitRules(application(), programme(), 200_000, today))).toEqual([]);
    expect(rulesOf(submitRules(application(), programme(), 200_001, today))).toEqual(['area-cap-exceeded']);
  });

  it('says by how much the area cap is exceeded, and what to do, beside the budget', () => {
    // 300 000 requested on top of 345 000 granted; the cap is 500 000.
    const [violation] = submitRules(application(), programme(), 345_000, today);
    expect(violation?.paths).toEqual(['budget']);
    expect(violation?.message).toBe(
      `Ett område kan få högst ${sek(500_000)} i programmet. Området har redan beviljats ${sek(345_000)} ` +
        `och söker nu ${sek(300_000)}. Det är ${sek(145_000)} över taket. Minska budgeten med minst ${sek(145_000)}.`,
    );
  });

  it('refuses a budget line for a year that has already ended, beside each such line', () => {
    const app = application({
      budget: [
        { year: 2014, category: 'lecturer', amount: 10_000 },
        { year: 2015, category: 'lecturer', amount: 10_000 },
        { year: 2014, category: 'processSupport', amount: 5_000 },
      ],
    });
    expect(submitRules(app, programme(), 0, '2014-12-31')).toEqual([]);
    const [violation, ...others] = byRule(submitRules(app, programme(), 0, '2015-01-01'));
    expect(others).toEqual([]);
    expect(violation).toEqual({
      rule: 'year-closed',
      message:
        'Året 2014 är avslutat, och medel kan inte sökas för ett avslutat år. ' +
        'Ändra året till 2015 eller senare, eller ta bort raderna.',
      paths: ['budget.0.year', 'budget.2.year'],
    });
    const [one] = submitRules(application({ budget: app.budget?.slice(0, 2) }), programme(), 0, '2015-01-01');
    expect(one?.message).toMatch(/ta bort raden\.$/);
    const [both] = submitRules(
      app,
      programme({ years: [2014, 2015, 2016].map((year) => ({ year, appropriation: 1_000_000 })) }),
      0,
      '2016-03-01',
    );
    expect(both?.message).toBe(
      'Åren 2014 och 2015 är avslutade, och medel kan inte sökas för ett avslutat år. ' +
        'Ändra året till 2016 eller senare, eller ta bort raderna.',
    );
    expect(both?.paths).toEqual(['budget.0.year', 'budget.1.year', 'budget.2.year']);
  });
});

describe('dates outside the programme', () => {
  const planned = (plannedStart: string, plannedEnd: string) =>
    application({
      activities: [
        { ...application().activities![0]!, plannedStart, plannedEnd },
        application().activities![1]!,
      ],
    });

  it('refuses activities planned outside the programme years, naming the date fields', () => {
    // KUR 2 runs 2014–2015.
    expect(rulesOf(submitRules(planned('2014-01-01', '2015-12-31'), programme(), 0, today))).toEqual([]);
    const violations = byRule(submitRules(planned('2013-12-31', '2016-01-01'), programme(), 0, today));
    expect(violations).toEqual([
      {
        rule: 'year-outside-programme',
        message: expect.stringContaining('2014–2015'),
        paths: ['activities.0.plannedStart', 'activities.0.plannedEnd'],
      },
    ]);
    expect(
      byRule(submitRules(planned('0001-01-01', '0001-01-02'), programme(), 0, today)).map((v) => v.rule),
    ).toEqual(['year-outside-programme']);
  });

  it('refuses a completion that ended more than a year before the programme or after the year following it', () => {
    const approved = application({ status: 'approved', grantedByYear: { '2014': 120_000, '2015': 180_000 } });
    const ended = (knowledge: string, plan = '2015-05-31') =>
      completionRules(
        approved,
        {
          activities: [
            { type: 'knowledge', endedOn: knowledge },
            { type: 'collaborationPlan', endedOn: plan },
          ],
          costs: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
        },
        programme(),
        '2017-06-01',
      );
    expect(ended('2013-01-01', '2016-12-31')).toEqual([]);
    expect(ended('0001-01-01', '2017-01-01')).toEqual([
      {
        rule: 'year-outside-programme',
        message: expect.stringContaining('2013–2016'),
        paths: ['activities.0.endedOn', 'activities.1.endedOn'],
      },
    ]);
    expect(ended('2012-12-31')).toEqual([expect.objectContaining({ paths: ['activities.0.endedOn'] })]);
  });
});

describe('the rules of an approval', () => {
  it('never grants more than requested for a year, counting a year not requested as 0', () => {
    const violations = approvalRules(
      application(),
      { '2014': 120_001, '2015': 0 },
      programme(),
      '2014-06-10',
    );
    expect(rulesOf(violations)).toEqual(['grant-exceeds-request']);
    const unrequested = approvalRules(
      application({ budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }] }),
      { '2015': 1 },
      programme(),
      '2014-06-10',
    );
    expect(rulesOf(unrequested)).toEqual(['grant-exceeds-request']);
  });

  it('grants nothing for a year that has ended by the decision date', () => {
    const violations = approvalRules(
      application(),
      { '2014': 100_000, '2015': 100_000 },
      programme(),
      '2015-01-02',
    );
    expect(rulesOf(violations)).toEqual(['year-closed']);
    expect(violations[0]?.paths).toEqual(['grantedByYear.2014']);
    expect(violations[0]?.message).toBe(
      'Året 2014 är avslutat, och medel kan inte beviljas för ett avslutat år. Ange 0 kr för 2014, ' +
        'eller skicka tillbaka ansökan för komplettering så att området kan flytta kostnaderna till 2015 eller senare.',
    );
  });

  it('names several closed years in the plural', () => {
    const [violation] = approvalRules(
      application(),
      { '2014': 100_000, '2015': 100_000 },
      programme(),
      '2016-01-04',
    ).filter((v) => v.rule === 'year-closed');
    expect(violation?.message).toMatch(/^Åren 2014 och 2015 är avslutade, .* Ange 0 kr för 2014 och 2015, /);
    expect(violation?.paths).toEqual(['grantedByYear.2014', 'grantedByYear.2015']);
  });

  it('refuses a year outside the programme and a grant larger than a whole year or the cap', () => {
    const big = application({ budget: [{ year: 2014, category: 'lecturer', amount: 20_000_000 }] });
    expect(rulesOf(approvalRules(big, { '2014': 10_000_001 }, programme(), '2014-06-10'))).toEqual(
      ['area-cap-exceeded', 'budget-exceeded'].sort(),
    );
    const messages = approvalRules(big, { '2014': 10_000_001 }, programme(), '2014-06-10').map(
      (v) => v.message,
    );
    expect(messages).toContain(
      'Anslaget för 2014 räcker inte till det beviljade beloppet. Bevilja mindre för det året.',
    );
    expect(messages).toContain(
      `Ett område kan få högst ${sek(500_000)} i programmet. Med det här beslutet skulle området få mer än så. Bevilja ett lägre belopp.`,
    );
    expect(rulesOf(approvalRules(application(), { '2013': 0 }, programme(), '2014-06-10'))).toEqual([
      'year-outside-programme',
    ]);
  });
});

describe('the lifecycle', () => {
  it('submits drafts and returned applications only', () => {
    expect(submit(application(), programme(), 0, today, now)).toMatchObject({
      status: 'submitted',
      version: 2,
    });
    expect(submit(application({ status: 'returned' }), programme(), 0, today, now).status).toBe('submitted');
    for (const status of ['submitted', 'approved', 'rejected', 'completed'] as const) {
      expect(() => submit(application({ status }), programme(), 0, today, now)).toThrow(
        /kan inte skickas in/,
      );
    }
  });

  it('edits drafts and returned applications only', () => {
    const { id: _id, ...content } = application();
    expect(editDraft(application({ status: 'returned' }), content, now).status).toBe('returned');
    expect(() => editDraft(application({ status: 'submitted' }), content, now)).toThrow(/kan inte ändras/);
  });

  it('decides submitted applications only, and an approval needs the amounts per year', () => {
    const submitted = application({ status: 'submitted' });
    expect(decide(submitted, { outcome: 'rejected' }, programme(), 'a@fk.se', '2014-06-10', now).status).toBe(
      'rejected',
    );
    expect(
      decide(
        submitted,
        { outcome: 'returned', comment: 'Komplettera' },
        programme(),
        'a@fk.se',
        '2014-06-10',
        now,
      ),
    ).toMatchObject({ status: 'returned', decision: { comment: 'Komplettera' } });
    expect(() =>
      decide(submitted, { outcome: 'approved' }, programme(), 'a@fk.se', '2014-06-10', now),
    ).toThrow(ValidationFailed);
    expect(() =>
      decide(
        application({ status: 'draft' }),
        { outcome: 'rejected' },
        programme(),
        'a@fk.se',
        '2014-06-10',
        now,
      ),
    ).toThrow(/kan inte beslutas/);
  });
});
