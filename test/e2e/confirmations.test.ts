import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { expectReadableAtBothWidths } from '../support/layout.ts';

/**
 * Anchoring in a real browser (issue 15, item 1): a confirmer opens their personal link without
 * signing in, reads the application, and confirms or declines (axe clean, fits a phone, no CSP
 * violation); the coordinator sees the answers and sends a new link; a used link says it no
 * longer works.
 */

const session = browserSession();
const { api, asAdmin, asCoordinator, setClock, open, eventually, heading, text, signIn } = session;

/** An application of a programme that requires confirmation, submitted: answers its id and each confirmer's link path. */
const awaiting = async (areaId: string, title: string) => {
  const admin = await asAdmin();
  await api('PUT', '/programmes/kur2c', kur2Programme({ requiresConfirmation: true }), admin);
  await api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), admin);
  await setClock('2014-06-02T10:00:00+02:00');
  const coordinator = await asCoordinator(areaId);
  const created = await api(
    'POST',
    '/applications',
    applicationBody({ programmeId: 'kur2c', title }),
    coordinator,
  );
  const submitted = await api('POST', `/applications/${created.id}/submit`, undefined, coordinator);
  expect(submitted.status).toBe('awaiting-confirmation');
  const links = new Map<string, string>();
  for (const email of await session.stack.outbox()) {
    const path = /\/c\/[A-Za-z0-9_-]{43}/.exec(email.text ?? '')?.[0];
    if (path && email.subject.includes(title)) links.set(email.to[0] ?? '', path);
  }
  return { id: created.id as string, links };
};

describe('the confirmation page in a browser', { timeout: 90_000 }, () => {
  it('lets a partner confirm without signing in, and says so when the link is used again', async () => {
    const { links } = await awaiting('arvika', 'Samverkan i Arvika');
    const path = links.get('per.berg@arbetsformedlingen.se') as string;
    const watched = await open();
    const { page } = watched;
    await page.goto(`${session.stack.url}${path}`);
    await eventually(() => heading(page)).toBe('Bekräfta ansökan: Samverkan i Arvika');
    expect(await text(page.locator('main'))).toContain('kontaktperson för Arbetsförmedlingen');
    expect(await text(page.getByRole('table'))).toContain('300 000 kr');
    await expectAccessible(page, 'bekräftelse');
    await expectReadableAtBothWidths(page, 'bekräftelse');

    // Nothing chosen: the page says what is missing and leads to it.
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    const summary = page.getByRole('alert');
    await eventually(() => text(summary)).toContain('Välj om du bekräftar ansökan eller inte');
    await expectAccessible(page, 'bekräftelse med fel');

    await page.getByLabel('Ja, jag bekräftar ansökan').check();
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await eventually(() => heading(page)).toBe('Tack! Ansökan är bekräftad');
    await expectAccessible(page, 'bekräftelse, tack');

    await page.goto(`${session.stack.url}${path}`);
    await eventually(() => heading(page)).toBe('Länken gäller inte längre');
    expect(watched.problems).toEqual([]);
  });

  it('returns the application to the coordinator, who reads the comment beside it', async () => {
    const { id, links } = await awaiting('eda', 'Samverkan i Eda');
    const { page } = await open();
    await page.goto(`${session.stack.url}${links.get('lena.lind@karlstad.se')}`);
    await eventually(() => heading(page)).toBe('Bekräfta ansökan: Samverkan i Eda');
    await page.getByLabel('Nej, jag kan inte bekräfta den').check();
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await eventually(() => text(page.getByRole('alert'))).toContain(
      'Skriv varför du inte kan bekräfta ansökan',
    );
    await page.getByLabel('Kommentar till området').fill('Kommunen deltar först 2015.');
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await eventually(() => heading(page)).toBe('Ansökan går tillbaka till området');

    const coordinator = (await open()).page;
    await signIn(coordinator, { areaId: 'eda' }, `#/ansokningar/${id}`);
    const answers = coordinator.getByRole('table', { name: 'Bekräftelser av ansökan' });
    await eventually(() => text(answers)).toContain('Kommunen deltar först 2015.');
    expect(await text(answers)).toContain('Inte bekräftad');
    await expectAccessible(coordinator, 'ansökan med bekräftelser');
  });

  it('shows the coordinator who has not answered and sends a new link', async () => {
    const { id } = await awaiting('sunne', 'Samverkan i Sunne');
    const { page } = await open();
    await signIn(page, { areaId: 'sunne' }, `#/ansokningar/${id}`);
    const answers = page.getByRole('table', { name: 'Bekräftelser av ansökan' });
    await eventually(() => text(answers)).toContain('Väntar på svar');
    await page.getByRole('button', { name: 'Skicka ny länk till omar.ali@regionvarmland.se' }).click();
    await eventually(() => text(page.getByRole('status'))).toContain(
      'En ny länk är skickad till omar.ali@regionvarmland.se.',
    );
    const resent = (await session.stack.outbox()).filter(
      (e) => e.to.includes('omar.ali@regionvarmland.se') && e.subject.includes('Samverkan i Sunne'),
    );
    expect(resent).toHaveLength(2);
    await expectAccessible(page, 'ansökan väntar på bekräftelse');
    await expectReadableAtBothWidths(page, 'ansökan väntar på bekräftelse');
  });
});
