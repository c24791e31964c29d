import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshots } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { areaBodyFor } from '../support/factories.ts';
import { expectReadableAtBothWidths, expectStatementLink } from '../support/layout.ts';

/**
 * "Användare" in a real browser against the local stack and its user pool (issue 12, item 5):
 * head office invites a coordinator, sees them invited, stops their access, and the person's next
 * sign-in is refused with the reason. Scanned with axe-core; readable at 1280 and 390 px.
 */

const session = browserSession({ directory: true });
const { api, asAdmin, open, eventually, text, heading, signIn, ADMIN } = session;

describe('the users screen in a browser', { timeout: 90_000 }, () => {
  it('invites a coordinator, lists them, stops their access, and their next sign-in is refused', async () => {
    await api('PUT', '/areas/torsby', areaBodyFor('torsby'), await asAdmin());
    const { page } = await open();
    await signIn(page, { admin: true });
    await eventually(() => heading(page)).toBe('Start');
    await page.getByRole('navigation').getByRole('link', { name: 'Användare' }).click();
    await eventually(() => heading(page)).toBe('Användare');
    const list = page.getByRole('table');
    // The administrator is listed, signed in through the pool, and cannot stop their own access.
    await eventually(() => text(list)).toContain(ADMIN);
    expect(await page.getByRole('button', { name: `Stäng av: ${ADMIN}` }).count()).toBe(0);

    // Nothing is chosen for the reader: sending at once names what is missing, each link to its field.
    expect(await page.getByLabel('Lokalt samverkansansvarig').isChecked()).toBe(false);
    expect(await page.getByLabel('Projektledning').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Inbjudan kunde inte skickas' });
    await eventually(() => summary.getByRole('link').count()).toBe(2);
    await summary.getByRole('link').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('u-email');

    const email = 'karin.torsby@forsakringskassan.se';
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lokalt samverkansansvarig').check();
    await page.getByLabel('Område').selectOption('torsby');
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await eventually(() => text(page.getByRole('status'))).toContain(`En inbjudan är skickad till ${email}.`);
    const row = page.getByRole('row').filter({ hasText: email });
    await eventually(() => text(row)).toContain('Inbjuden');
    expect(await text(row)).toContain('Lokalt samverkansansvarig');
    await eventually(async () => (await session.stack.outbox()).some((e) => e.to.includes(email))).toBe(true);

    await expectAccessible(page, 'användare');
    await expectReadableAtBothWidths(page, 'användare');
    await expectStatementLink(page, 'användare');
    await screenshots(page, '40-anvandare');

    await page.getByRole('button', { name: `Stäng av: ${email}` }).click();
    await eventually(() => text(page.getByRole('status'))).toContain(`${email} kan inte längre logga in.`);
    await eventually(() => text(page.getByRole('row').filter({ hasText: email }))).toContain('Avstängd');

    // The person tries to sign in: refused, with the reason.
    const other = (await open()).page;
    await other.goto(`${session.stack.url}/`);
    await eventually(() => heading(other)).toBe('Logga in i den lokala miljön');
    await other.getByLabel('Lokalt samverkansansvarig').check();
    await other.getByLabel('Område').fill('torsby');
    await other.getByLabel('E-postadress').fill(email);
    await other.getByRole('button', { name: 'Logga in' }).click();
    await eventually(() => text(other.getByRole('alert'))).toContain('Kontot är avstängt');

    // Given access again (still invited: they never got in), they get in.
    await page.getByRole('button', { name: `Ge tillgång igen: ${email}` }).click();
    await eventually(() => text(page.getByRole('row').filter({ hasText: email }))).toContain('Inbjuden');
    await other.getByRole('button', { name: 'Logga in' }).click();
    await eventually(() => heading(other)).toBe('Start');
  });

  it('is not offered to coordinators', async () => {
    await api('PUT', '/areas/kil', areaBodyFor('kil'), await asAdmin());
    const { page } = await open();
    await signIn(page, { areaId: 'kil' });
    await eventually(() => heading(page)).toBe('Start');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Användare' }).count()).toBe(0);
    await page.goto(`${session.stack.url}/#/anvandare`);
    await eventually(() => heading(page)).toBe('Sidan finns inte');
  });
});
