import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, PHONE } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody } from '../support/factories.ts';
import { expectReadableAtBothWidths, expectStatementLink } from '../support/layout.ts';
import { ownData } from './support/own-data.ts';

/**
 * The rest of issue 13 in Chromium: closed years and the area cap are refused at submit beside the
 * budget lines concerned, with the amounts; the follow-up screens, the completion form and the
 * reports pass axe, link the accessibility statement and read at 1280 and 390 px; a report
 * downloads under its Swedish name; an application with its decision prints without the page's
 * furniture.
 */

const session = browserSession();
const { api, asCoordinator, setClock, submittedApplication, open, eventually, text, heading, signIn } =
  session;
const { ownArea, ownProgramme } = ownData(session);

/**
 * Selects whose widest choice does not fit: the choice's text measured in the select's own font,
 * plus the room its padding and arrow take.
 */
const CUT_OFF_SELECTS = `(() => {
  const cut = [];
  for (const select of document.querySelectorAll('main select')) {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    document.body.append(probe);
    for (const option of select.options) {
      probe.textContent = option.text;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
      if (probe.getBoundingClientRect().width > room) cut.push(select.id + ': ' + option.text);
    }
    probe.remove();
  }
  return cut;
})()`;

const activeId = (page: Page) => page.evaluate('document.activeElement.id') as Promise<string>;

const checkScreen = async (page: Page, screen: string) => {
  await expectStatementLink(page, screen);
  await expectAccessible(page, screen);
  await expectReadableAtBothWidths(page, screen);
};

describe('the service screens of issue 13', { timeout: 120_000 }, () => {
  it('refuses closed years and the area cap at submit beside the budget lines, with the amounts', async () => {
    const [areaId, programmeId] = ['grums', 'kur2-grums'];
    await Promise.all([ownArea(areaId), ownProgramme(programmeId)]);
    await setClock('2014-06-02');
    const coordinator = await asCoordinator(areaId);
    const body = applicationBody({ programmeId, title: 'Samverkan i Grums' });
    body.budget = [
      { year: 2014, category: 'lecturer', description: 'Föreläsare', amount: 120_000 },
      { year: 2015, category: 'processSupport', description: 'Processtöd', amount: 400_000 },
      { year: 2014, category: 'lecturer', description: 'Föreläsare, höst', amount: 100_000 },
    ];
    const draft = await api('POST', '/applications', body, coordinator);
    // 2014 has ended by the time the coordinator sends it in.
    await setClock('2015-02-02');

    const { page, problems } = await open();
    await signIn(page, { areaId }, `#/ansokningar/${draft.id}`);
    await eventually(() => heading(page)).toBe('Ansökan: Samverkan i Grums');
    expect(await text(page.locator('#f-title-hint'))).toContain('till exempel ”Gemensam grund i Värmland”');
    // A budget line's category shows its whole choice ("Förtäring (kan inte beviljas)"), not "Förtäring (kan inte b".
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      expect(await page.evaluate(CUT_OFF_SELECTS), `cut-off choices at ${size.width} px`).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Kontrollera ansökan innan du skickar in');
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    const summary = page.locator('.error-summary').first();
    await eventually(() => text(summary)).toContain('2 saker att rätta');

    // The closed year: one message, a link to each line's year.
    const closed = summary.locator('li').filter({ hasText: 'Året 2014 är avslutat' });
    expect(await text(closed)).toContain('Ändra året till 2015 eller senare, eller ta bort raderna.');
    for (const [name, id] of [
      ['Budgetrad 1, år', 'f-budget-0-year'],
      ['Budgetrad 3, år', 'f-budget-2-year'],
    ] as const) {
      await closed.getByRole('link', { name, exact: true }).click();
      expect(await activeId(page), name).toBe(id);
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
      expect(await text(page.locator(`#err-${id}`))).toContain('Året 2014 är avslutat');
    }
    expect(await page.locator('#f-budget-1-year').getAttribute('aria-invalid')).toBeNull();

    // The cap: by how much, and a link to the budget.
    const cap = summary.getByRole('link', { name: /över taket/ });
    expect(await text(cap)).toBe(
      'Budget: Ett område kan få högst 500 000 kr i programmet. Området har redan beviljats 0 kr och söker nu 620 000 kr. Det är 120 000 kr över taket. Minska budgeten med minst 120 000 kr.',
    );
    expect(await cap.getAttribute('href')).toBe('#f-budget');
    await cap.click();
    expect(await page.evaluate(`document.getElementById('f-budget').contains(document.activeElement)`)).toBe(
      true,
    );
    await checkScreen(page, 'ansökan med avslutat år och över taket');
    expect(problems).toEqual([]);
  });

  it('keeps the completion form, the follow-up screens and the reports readable, linked and axe clean', async () => {
    const [areaId, programmeId, title] = ['munkfors', 'kur2-munkfors', 'Gemensam grund i Munkfors'];
    await Promise.all([ownArea(areaId), ownProgramme(programmeId)]);
    const applicationId = await submittedApplication(areaId, programmeId, title, { approve: true });
    await setClock('2015-06-10');

    const { page, problems } = await open();
    await signIn(page, { areaId }, `#/ansokningar/${applicationId}`);
    await eventually(() => page.getByRole('heading', { name: 'Slutrapport' }).count()).toBe(1);
    await checkScreen(page, 'slutrapport');
    // An error names the field once, then says what to do: one colon, never "avslutades: …:".
    await page.getByRole('button', { name: 'Skicka slutrapport' }).click();
    const completionErrors = page.locator('.error-summary').first();
    await eventually(() => text(completionErrors)).toContain(
      'Gemensam kunskapssatsning, slutdatum: Ange när aktiviteten avslutades',
    );
    for (const item of await completionErrors.locator('li').allTextContents())
      expect(item.split(':').length, item).toBeLessThanOrEqual(2);
    await page.locator('#f-ended-knowledge').fill('2015-03-31');
    await page.locator('#f-ended-collaborationPlan').fill('2015-05-31');
    await page.locator('#f-participants-knowledge').fill('84');
    await page.locator('#f-cost-0-amount').fill('110000');
    await page.getByRole('button', { name: 'Skicka slutrapport' }).click();
    await eventually(() => text(page.locator('#status'))).toContain('plan för samarbete senast 2015-05-31');
    // The column says what the date is, in the words the reports use.
    const owedTable = page.getByRole('table', { name: 'Uppföljningar för ansökan' });
    await eventually(() => owedTable.count()).toBe(1);
    expect(await owedTable.locator('thead th').allTextContents()).toEqual([
      'Uppföljning',
      'Sista dag',
      'Status',
      'Försenad',
    ]);

    await page.getByRole('link', { name: 'Uppföljningar', exact: true }).click();
    await eventually(() => heading(page)).toBe('Uppföljningar');
    await checkScreen(page, 'uppföljningar (samverkansansvarig)');
    const owed = await api('GET', '/follow-ups', undefined, await asCoordinator(areaId));
    const plan = owed.items.find(
      (f: { applicationId: string; kind: string }) =>
        f.applicationId === applicationId && f.kind === 'collaborationPlan',
    );
    await page.goto(`${session.stack.url}/#/uppfoljningar/${plan.id}`);
    await eventually(() => page.locator('h1').count()).toBe(1);
    await eventually(() => page.locator('main form, main dl').count()).toBeGreaterThan(0);
    await checkScreen(page, 'en uppföljning (samverkansansvarig)');
    await page.getByRole('link', { name: 'Start', exact: true }).click();
    await eventually(() => heading(page)).toBe('Start');
    await checkScreen(page, 'start (samverkansansvarig)');

    const administrator = await open();
    const admin = administrator.page;
    await signIn(admin, { admin: true }, '#/uppfoljningar');
    await eventually(() => heading(admin)).toBe('Uppföljningar');
    await eventually(() => admin.getByText(title).count()).toBeGreaterThan(0);
    await checkScreen(admin, 'uppföljningar (projektledning)');
    await admin.goto(`${session.stack.url}/#/uppfoljningar/${plan.id}`);
    await eventually(() => admin.getByText(title).count()).toBeGreaterThan(0);
    await checkScreen(admin, 'en uppföljning (projektledning)');

    await admin.goto(`${session.stack.url}/#/rapporter`);
    await eventually(() => heading(admin)).toBe('Rapporter');
    await checkScreen(admin, 'rapporter');
    await admin.locator('#r-programme').selectOption(programmeId);
    await admin.getByRole('button', { name: 'Visa programsammanställning' }).click();
    await eventually(() => admin.getByRole('table', { name: 'Medel per år (kr)' }).count()).toBe(1);
    await checkScreen(admin, 'programsammanställning');
    const summary = await text(admin.locator('main dl'));
    expect(summary).toContain('Bara gemensam kunskapssatsning');
    expect(summary).toContain('Ja i 1 område, nej i 0 områden');
    // Amounts right-aligned in tabular figures, header and cells alike.
    const alignment = (await admin.evaluate(`(() => {
      const funds = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === 'Medel per år (kr)');
      const cells = [...funds.querySelectorAll('th:not(:first-child), td:not(:first-child)')];
      const off = cells.filter((c) => getComputedStyle(c).textAlign !== 'right' || !getComputedStyle(c).fontVariantNumeric.includes('tabular-nums'));
      return { cells: cells.length, off: off.map((c) => c.textContent) };
    })()`)) as { cells: number; off: string[] };
    expect(alignment.cells).toBeGreaterThan(0);
    expect(alignment.off).toEqual([]);
    await admin.getByRole('link', { name: 'Start', exact: true }).click();
    await eventually(() => heading(admin)).toBe('Start');
    await checkScreen(admin, 'start (projektledning)');
    await admin.goto(`${session.stack.url}/#/rapporter`);
    await eventually(() => heading(admin)).toBe('Rapporter');
    await admin.locator('#r-programme').selectOption(programmeId);

    // The file keeps its Swedish name (Content-Disposition's filename*), not the ASCII fallback.
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Ladda ner medel per år (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `${programmeId}-programsammanställning-medel-per-år-2015-06-10.csv`,
    );
    expect((await readFile(await download.path(), 'utf8')).charCodeAt(0)).toBe(0xfeff);
    await eventually(() => text(admin.locator('#status'))).toContain(
      `Filen ${programmeId}-programsammanställning-medel-per-år-2015-06-10.csv är nedladdad.`,
    );
    expect(problems).toEqual([]);
    expect(administrator.problems).toEqual([]);
  });

  it('prints an application with its decision and without the header, navigation, buttons or forms', async () => {
    const [areaId, programmeId, title] = ['filipstad', 'kur2-filipstad', 'Gemensam grund i Filipstad'];
    await Promise.all([ownArea(areaId), ownProgramme(programmeId)]);
    const applicationId = await submittedApplication(areaId, programmeId, title, { approve: true });

    const { page, problems } = await open();
    await signIn(page, { admin: true }, `#/ansokningar/${applicationId}`);
    await eventually(() => heading(page)).toBe(title);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header', 'nav', 'button', 'form', 'footer']) {
      // Laid out at all (any box on paper), whether hidden itself or inside something hidden.
      const shown = await page.evaluate(
        `[...document.querySelectorAll('${selector}')].filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80))`,
      );
      expect(shown, `${selector} on paper`).toEqual([]);
    }
    expect(await page.locator('h1').isVisible()).toBe(true);
    const decision = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Beslut' }) });
    expect(await decision.isVisible()).toBe(true);
    expect(await text(decision)).toContain('Beviljad');
    expect(await text(decision)).toContain('2014: 120 000 kr, 2015: 180 000 kr');
    expect(await page.getByRole('heading', { name: 'Budget' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('nav').first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
