import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody, areaBodyFor } from '../support/factories.ts';
import { expectReadableAtBothWidths, expectStatementLink } from '../support/layout.ts';

/**
 * The form as a public-sector service should behave (GOV.UK Design System patterns): a save is
 * confirmed beside the button, an empty budget line does not stop a draft, the title counts its
 * characters, every error link focuses its own field, the answers are checked before sending and
 * a confirmation says what happens next; the decision form follows the application with nothing
 * chosen; tables never break a word and nothing scrolls sideways at 1280 or 390 px; every screen
 * links the accessibility statement and passes axe; sign-out asks before unsaved text is lost.
 */

const session = browserSession();
const { api, asAdmin, asCoordinator, setClock, open, eventually, text, heading, signIn } = session;

const ownArea = (areaId: string) =>
  asAdmin().then((admin) => api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), admin));

const activeId = (page: Page) => page.evaluate('document.activeElement.id') as Promise<string>;

/** Whether the element is inside the viewport now. */
const inView = (page: Page, selector: string) =>
  page.evaluate(
    `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`,
  );

const checkScreen = async (page: Page, screen: string) => {
  await expectStatementLink(page, screen);
  await expectAccessible(page, screen);
  await expectReadableAtBothWidths(page, screen);
};

describe('the form as a public-sector service', { timeout: 120_000 }, () => {
  it('confirms a save beside its button, checks the answers before sending and confirms what happens next', async () => {
    const areaId = 'eda';
    await ownArea(areaId);
    await setClock('2014-06-02');
    const coordinator = await asCoordinator(areaId);
    // No region, and a plan för samarbete without the management's backing: two rules to break.
    const body = applicationBody({ title: 'Samverkan i Eda', managementAnchored: false });
    body.partners = body.partners?.filter((p) => p.type !== 'region');
    const draft = await api('POST', '/applications', body, coordinator);

    const { page, problems } = await open();
    await signIn(page, { areaId }, `#/ansokningar/${draft.id}`);
    await eventually(() => heading(page)).toBe('Ansökan: Samverkan i Eda');
    await checkScreen(page, 'utkast');

    // The title counts what is left of its 200 characters.
    expect(await text(page.locator('#f-title-count'))).toBe('Du har 185 tecken kvar.');
    await page.getByLabel('Titel').fill('x'.repeat(201));
    expect(await text(page.locator('#f-title-count'))).toBe('Du har skrivit 1 tecken för mycket.');
    await page.getByLabel('Titel').fill('Samverkan i Eda');

    // An empty budget line does not stop a draft; the save is confirmed where the user is.
    await page.getByRole('button', { name: 'Lägg till budgetrad' }).click();
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await eventually(() => text(page.locator('.saved'))).toMatch(/^Utkastet är (redan )?sparat/);
    expect(await page.locator('.error-summary').isVisible()).toBe(false);
    expect(await inView(page, '.saved')).toBe(true);
    expect(await text(page.locator('.saved'))).not.toContain('version');

    // Submitting shows the answers first; sending them finds the two broken rules.
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Kontrollera ansökan innan du skickar in');
    expect(await text(page.locator('main'))).toContain('Samverkan i Eda');
    await checkScreen(page, 'kontrollera ansökan');
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    const summary = page.locator('.error-summary').first();
    await eventually(() => text(summary)).toContain('2 saker att rätta');
    expect(await text(page.locator('.saved'))).toBe('');

    // Every link in the error summary focuses its own field.
    const links = summary.getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const target = ((await link.getAttribute('href')) ?? '').slice(1);
      await link.click();
      const focused = await activeId(page);
      expect(
        await page.evaluate(
          `document.getElementById(${JSON.stringify(target)}).contains(document.activeElement)`,
        ),
        `${await text(link)} → ${focused}`,
      ).toBe(true);
    }
    await summary.getByRole('link', { name: /Alla fyra huvudmän ska delta/ }).click();
    expect(await activeId(page)).toBe('f-partner-region-name');
    await checkScreen(page, 'ansökan med fel');

    await page.locator('#f-partner-region-name').fill('Region Värmland');
    await page.locator('#f-partner-region-contactName').fill('Omar Ali');
    await page.locator('#f-partner-region-contactEmail').fill('omar.ali@regionvarmland.se');
    await page.getByLabel('Den lokala ledningen står bakom planen för samarbete').check();
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Kontrollera ansökan innan du skickar in');
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Ansökan är inskickad');
    expect(await page.getByRole('heading', { name: 'Vad händer nu' }).count()).toBe(1);
    expect(await text(page.locator('main'))).toContain('Du får ett e-postmeddelande när beslutet är fattat.');
    await checkScreen(page, 'bekräftelse');
    expect((await api('GET', `/applications/${draft.id}`, undefined, coordinator)).status).toBe('submitted');

    // The administrator decides after reading: the form follows the application, nothing chosen.
    const administrator = await open();
    const admin = administrator.page;
    await signIn(admin, { admin: true }, `#/ansokningar/${draft.id}`);
    await eventually(() => heading(admin)).toBe('Samverkan i Eda');
    const order = await admin.evaluate(`[...document.querySelectorAll('main h2')].map((h) => h.textContent)`);
    expect((order as string[]).indexOf('Fatta beslut')).toBeGreaterThan(
      (order as string[]).indexOf('Budget'),
    );
    expect(await admin.locator('input[name=outcome]:checked').count()).toBe(0);
    // One phrase for sending back, as the status and the e-mails say it.
    expect(await admin.getByRole('radio', { name: 'Skicka tillbaka för komplettering' }).count()).toBe(1);
    await admin.getByRole('button', { name: 'Registrera beslut' }).click();
    await eventually(() => text(admin.locator('.error-summary'))).toContain(
      'Välj beslut: bevilja, avslå eller skicka tillbaka för komplettering.',
    );
    await admin.locator('.error-summary').getByRole('link').first().click();
    expect(await activeId(admin)).toBe('f-outcome-approved');
    await admin.getByRole('radio', { name: 'Bevilja' }).check();
    const after = await text(admin.locator('#f-granted .totals'));
    expect(after).toContain('Kvar av anslaget för 2014: 9 880 000 kr');
    expect(after).toContain('Kvar av områdets tak (500 000 kr): 200 000 kr');
    await checkScreen(admin, 'beslut');

    // The lists and the sign-in page hold to the same.
    await admin.goto(`${session.stack.url}/#/ansokningar`);
    await eventually(() => admin.getByRole('link', { name: 'Samverkan i Eda' }).count()).toBe(1);
    await checkScreen(admin, 'ansökningar');
    await admin.goto(`${session.stack.url}/#/rapporter`);
    await eventually(() => heading(admin)).toBe('Rapporter');
    await admin.getByRole('button', { name: 'Visa uppföljningsstatus' }).click();
    await eventually(() => admin.getByRole('table', { name: 'Uppföljningar' }).count()).toBe(1);
    await checkScreen(admin, 'uppföljningsstatus');
    expect(problems).toEqual([]);
    expect(administrator.problems).toEqual([]);
  });

  it('links the accessibility statement from the sign-in page; the statement passes axe and leads back', async () => {
    const { page, problems } = await open();
    await page.goto(`${session.stack.url}/`);
    await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
    await checkScreen(page, 'inloggning');
    await page.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await eventually(() => heading(page)).toBe('Tillgänglighetsredogörelse');
    expect(await page.getByRole('link', { name: 'anmäla det till Digg' }).getAttribute('href')).toBe(
      'https://www.digg.se/tdosanmalan',
    );
    await checkScreen(page, 'tillgänglighetsredogörelse');
    await page.getByRole('link', { name: 'Till tjänsten' }).click();
    await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
    expect(problems).toEqual([]);
  });

  it('asks before sign-out throws away unsaved text, and leaves no draft behind', async () => {
    const areaId = 'arjang';
    await ownArea(areaId);
    const { page, problems } = await open();
    await signIn(page, { areaId }, '#/ansokningar/ny');
    await eventually(() => heading(page)).toBe('Ny ansökan');
    await page.getByLabel('Titel').fill('Något jag inte sparat');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await eventually(() => heading(page)).toBe('Du har text som inte är sparad');
    await checkScreen(page, 'logga ut?');
    await page.getByRole('button', { name: 'Gå tillbaka och spara' }).click();
    await eventually(() => page.getByLabel('Titel').inputValue()).toBe('Något jag inte sparat');

    // "Ny ansökan" stays on the list beside the note about the unsaved one.
    await page.getByRole('link', { name: 'Ansökningar', exact: true }).click();
    await eventually(() => page.getByText('Du har en påbörjad ansökan som inte är sparad.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Ny ansökan' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga ut och ta bort texten' }).click();
    await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
    expect(
      await page.evaluate('Object.keys(localStorage).filter((k) => k.startsWith("kur.utkast."))'),
    ).toEqual([]);
    expect(problems).toEqual([]);
  });
});
