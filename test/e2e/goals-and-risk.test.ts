import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody, areaBodyFor } from '../support/factories.ts';

/**
 * Issue 15 in the form: the coordinator states measurable goals in the application editor and says
 * how each went when handing in a follow-up; head office sees the money at risk as a chart.
 */

const session = browserSession();
const { api, asAdmin, asCoordinator, setClock, open, eventually, text, heading, signIn } = session;
const status = (page: Page) => text(page.locator('#status'));

describe('goals and money at risk in a browser', { timeout: 120_000 }, () => {
  it('takes goals in the editor, an outcome per goal at hand-in, and shows the money at risk', async () => {
    await api('PUT', '/areas/arvika', areaBodyFor('arvika'), await asAdmin());
    await setClock('2014-04-02');
    const coordinator = await asCoordinator('arvika');
    const draft = await api('POST', '/applications', applicationBody({ title: 'Mål i Arvika' }), coordinator);

    // The editor: add a goal, save, and the API has it.
    const { page, problems } = await open();
    await signIn(page, { areaId: 'arvika' }, `#/ansokningar/${draft.id}`);
    await eventually(() => page.getByRole('button', { name: 'Lägg till mål' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Lägg till mål' }).click();
    await page.locator('#f-goal-0-description').fill('Alla fyra huvudmän känner till varandras uppdrag.');
    await page.locator('#f-goal-0-indicator').fill('Andel som svarar ja i enkäten');
    await page.locator('#f-goal-0-target').fill('Minst 80 procent');
    await expectAccessible(page, 'ansökan med mål');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await eventually(
      async () => (await api('GET', `/applications/${draft.id}`, undefined, coordinator)).goals,
    ).toEqual([
      {
        description: 'Alla fyra huvudmän känner till varandras uppdrag.',
        indicator: 'Andel som svarar ja i enkäten',
        target: 'Minst 80 procent',
      },
    ]);

    await api('POST', `/applications/${draft.id}/submit`, undefined, coordinator);
    await setClock('2014-06-02');
    await api(
      'POST',
      `/applications/${draft.id}/decision`,
      { outcome: 'approved', grantedByYear: { '2014': 120_000, '2015': 180_000 } },
      await asAdmin(),
    );

    // The area gives back 20 000 kr of 2014: the grant shrinks at once.
    // The editor was open at this address: load the page again to see the approved application.
    await page.reload();
    await eventually(() => page.getByRole('heading', { name: 'Lämna tillbaka medel' }).count()).toBe(1);
    expect(await text(page.locator('main'))).toContain('Minst 80 procent');
    await page.locator('#u-amount').fill('200 000');
    await page.locator('#u-reason').fill('Utbildningen flyttas till våren 2015.');
    await page.getByRole('button', { name: 'Lämna tillbaka medel' }).click();
    await eventually(() => text(page.locator('.error-summary:visible'))).toContain('högst');
    await expectAccessible(page, 'lämna tillbaka medel med fel');
    await page.locator('#u-amount').fill('20 000');
    await page.getByRole('button', { name: 'Lämna tillbaka medel' }).click();
    await eventually(() => status(page)).toContain('20 000 kr för 2014 är tillbakalämnade');
    expect((await api('GET', `/applications/${draft.id}`, undefined, coordinator)).grantedByYear).toEqual({
      '2014': 100_000,
      '2015': 180_000,
    });

    // Handing in the plan: the goal must be answered, nothing is pre-chosen.
    await setClock('2015-06-02');
    const owed = await api('GET', `/follow-ups?programmeId=kur2&areaId=arvika`, undefined, coordinator);
    const plan = owed.items.find((f: { kind: string }) => f.kind === 'collaborationPlan');
    await page.goto(`${session.stack.url}/#/uppfoljningar/${plan.id}`);
    await eventually(() => page.getByLabel('Delvis uppnått').count()).toBe(1);
    expect(await page.getByLabel('Delvis uppnått').isChecked()).toBe(false);
    await page.getByLabel('Sammanfattning').fill('Planen är antagen.');
    await page.getByRole('button', { name: 'Lämna in', exact: true }).click();
    await eventually(() => text(page.locator('.error-summary:visible'))).toContain('uppnått');
    await expectAccessible(page, 'uppföljning med mål och fel');
    await page.getByLabel('Delvis uppnått').check();
    await page.getByLabel('Mål 1: hur gick det?').fill('72 procent svarade ja.');
    await page.getByRole('button', { name: 'Lämna in', exact: true }).click();
    await eventually(() => status(page)).toContain('Uppföljningen är inlämnad');
    const handedIn = await api('GET', `/follow-ups/${plan.id}`, undefined, coordinator);
    expect(handedIn.goalOutcomes).toEqual([
      { goal: 0, achieved: 'partly', comment: '72 procent svarade ja.' },
    ]);
    // What was handed in shows how each goal went, under the goal's own words.
    const outcomes = page.getByRole('list', { name: 'Mål och utfall' });
    await eventually(() => text(outcomes)).toBe(
      'Alla fyra huvudmän känner till varandras uppdrag. Delvis uppnått – 72 procent svarade ja.',
    );

    // Head office: on 1 October 2014 what was left of the 2014 grant ran into 2015 — a chart with its table.
    const admin = (await open()).page;
    await signIn(admin, { admin: true }, '#/rapporter');
    await eventually(() => heading(admin)).toBe('Rapporter');
    await admin.locator('#r-programme').selectOption('kur2');
    await admin.locator('#r-asof').fill('2014-10-01');
    await admin.getByRole('button', { name: 'Visa medel som riskerar att betalas tillbaka' }).click();
    const chart = admin.getByRole('img', { name: /riskerar att betalas tillbaka/ });
    await eventually(() => chart.count()).toBe(1);
    expect(await text(admin.locator('figure.figure table'))).toContain('100 000 kr');
    await expectAccessible(admin, 'medel som riskerar att betalas tillbaka');
    expect(problems).toEqual([]);
  });
});
