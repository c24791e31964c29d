import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshots } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

/**
 * The follow-up cycle in a real browser against the local stack and the S3 emulator: a coordinator
 * uploads a PDF and hands it in, the administrator downloads it and sends it back with a comment,
 * the coordinator reads the comment and hands in again, the administrator accepts. Every new
 * screen is scanned with axe-core (WCAG 2.1 A and AA).
 */

const session = browserSession();
const { setClock, owedPlan, open, eventually, text, heading, signIn } = session;
const status = (page: Page) => text(page.locator('#status'));

describe('the follow-up cycle in a browser', { timeout: 90_000 }, () => {
  it('takes a plan from upload through download, return with a comment and resubmission to acceptance', async () => {
    const [areaId, title] = ['kristinehamn', 'Gemensam grund i Kristinehamn'];
    const followUpId = await owedPlan(areaId, title);
    await setClock('2015-06-10');
    const pageHeading = `Plan för samarbete för ”${title}”`;

    // The coordinator finds the obligation in the list, ten days late, and opens it.
    const coordinator = await open();
    const page = coordinator.page;
    await signIn(page, { areaId }, '#/uppfoljningar');
    const card = page.getByRole('region', { name: 'Plan för samarbete – senast 2015-05-31' });
    await eventually(() => card.count()).toBe(1);
    expect(await text(card)).toContain('Försenad 10 dagar');
    await card.getByRole('link', { name: 'Plan för samarbete – senast 2015-05-31' }).click();
    await eventually(() => heading(page)).toBe(pageHeading);
    expect(await text(page.locator('main'))).toContain('Försenad 10 dagar');
    await expectAccessible(page, 'uppföljning (områdets)');
    await screenshots(page, '20-uppfoljning');

    // Type and size are checked before anything is sent.
    const file = page.getByLabel('Dokument att ladda upp');
    await file.setInputFiles({
      name: 'anteckningar.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hej'),
    });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await eventually(() => text(page.locator('.error-summary').first())).toContain('Filen måste vara PDF');
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'uppladdning med fel');

    const pdf = Buffer.from('%PDF-1.4\n% en samverkansplan för Kristinehamn\n%%EOF\n');
    await file.setInputFiles({ name: 'Samverkansplan 2015.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await eventually(() => status(page)).toContain('Samverkansplan 2015.pdf är uppladdad');
    await eventually(() => page.getByLabel('Samverkansplan 2015.pdf').isChecked()).toBe(true);

    // The summary survives a reload, as the application editor's text does.
    await page.getByLabel('Sammanfattning').fill('Planen antogs av ledningsgruppen i maj.');
    await page.reload();
    await eventually(() => page.getByLabel('Sammanfattning').inputValue()).toBe(
      'Planen antogs av ledningsgruppen i maj.',
    );
    await page.getByRole('button', { name: 'Lämna in', exact: true }).click();
    await eventually(() => status(page)).toContain('Uppföljningen är inlämnad');
    await eventually(() => text(page.locator('.tag').first())).toBe('Inlämnad');

    // The administrator reads the submission, downloads the file and sends it back.
    const administrator = await open();
    const admin = administrator.page;
    await signIn(admin, { admin: true }, `#/uppfoljningar/${followUpId}`);
    await eventually(() => heading(admin)).toBe(pageHeading);
    expect(await text(admin.locator('main'))).toContain('Planen antogs av ledningsgruppen i maj.');
    await expectAccessible(admin, 'uppföljning att granska');
    await screenshots(admin, '21-granska-uppfoljning');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Ladda ner Samverkansplan 2015.pdf' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('Samverkansplan 2015.pdf');
    expect(await readFile(await download.path())).toEqual(pdf);

    await admin.getByLabel('Skicka tillbaka för komplettering').check();
    await admin.getByRole('button', { name: 'Registrera granskning' }).click();
    await eventually(() => text(admin.locator('.error-summary').first())).toContain(
      'Skriv vad området behöver ändra eller komplettera',
    );
    await expectAccessible(admin, 'granskning med fel');
    await admin.getByLabel('Kommentar till området').fill('Planen saknar Arbetsförmedlingens underskrift.');
    await admin.getByRole('button', { name: 'Registrera granskning' }).click();
    await eventually(() => status(admin)).toContain('Underlaget är tillbakaskickat');
    await eventually(() =>
      text(admin.getByRole('table', { name: 'Projektledningens granskning' })),
    ).toContain('Planen saknar Arbetsförmedlingens underskrift.');

    // The coordinator reads the comment and hands in again.
    await page.reload();
    await eventually(() => text(page.locator('main'))).toContain(
      'Planen saknar Arbetsförmedlingens underskrift.',
    );
    await eventually(() => text(page.locator('.tag').first())).toBe('Inte inlämnad');
    expect(await page.getByLabel('Sammanfattning').inputValue()).toBe('');
    await expectAccessible(page, 'tillbakaskickad uppföljning');
    await screenshots(page, '22-uppfoljning-tillbakaskickad');
    await page.getByLabel('Sammanfattning').fill('Nu med underskrift från alla fyra huvudmän.');
    await page.getByRole('button', { name: 'Lämna in', exact: true }).click();
    await eventually(() => status(page)).toContain('Uppföljningen är inlämnad');

    // The administrator accepts; both submissions stay on the page.
    await admin.reload();
    await eventually(() => text(admin.locator('main'))).toContain(
      'Nu med underskrift från alla fyra huvudmän.',
    );
    expect(await text(admin.locator('main'))).toContain('Planen antogs av ledningsgruppen i maj.');
    await admin.getByLabel('Godkänn').check();
    await admin.getByRole('button', { name: 'Registrera granskning' }).click();
    await eventually(() => status(admin)).toContain('Underlaget är godkänt');
    await eventually(() => text(admin.locator('.tag').first())).toBe('Godkänd');
    await expectAccessible(admin, 'godkänd uppföljning');

    expect(coordinator.problems).toEqual([]);
    expect(administrator.problems).toEqual([]);
  });
  it('lets a coordinator ask for a later date, refuses a too large file before upload, and lets the administrator approve the date', async () => {
    const [areaId, title] = ['amal', 'Gemensam grund i Åmål'];
    const followUpId = await owedPlan(areaId, title);
    await setClock('2015-05-20');
    const pageHeading = `Plan för samarbete för ”${title}”`;

    const coordinator = await open();
    const page = coordinator.page;
    await signIn(page, { areaId }, `#/uppfoljningar/${followUpId}`);
    await eventually(() => heading(page)).toBe(pageHeading);
    expect(await text(page.locator('main'))).not.toContain('Försenad');

    // 21 MiB: refused in the browser, before the API or the bucket hear of it.
    await page.getByLabel('Dokument att ladda upp').setInputFiles({
      name: 'Stor plan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(21 * 1024 * 1024, 1),
    });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await eventually(() => text(page.locator('.error-summary').first())).toContain('högst 20 MB');

    await page.getByLabel('Ny sista dag').fill('2015-06-30');
    await page.getByLabel('Skäl').fill('Kommunens nämnd sammanträder först i juni.');
    await page.getByRole('button', { name: 'Begär ny sista dag' }).click();
    await eventually(() => status(page)).toContain('Begäran om ny sista dag 2015-06-30 är skickad');
    await eventually(() => text(page.locator('main'))).toContain('Begäran som väntar på svar');
    await expectAccessible(page, 'begärd ny sista dag');

    const administrator = await open();
    const admin = administrator.page;
    await signIn(admin, { admin: true }, `#/uppfoljningar/${followUpId}`);
    await eventually(() => heading(admin)).toBe(pageHeading);
    await admin.getByRole('button', { name: 'Svara på begäran' }).click();
    await eventually(() => text(admin.locator('.error-summary').first())).toContain(
      'Välj om den nya dagen godkänns eller inte',
    );
    await expectAccessible(admin, 'svar på begäran om ny sista dag');
    await screenshots(admin, '23-svar-ny-sista-dag');
    await admin.getByLabel('Godkänn den nya dagen').check();
    await admin.getByRole('button', { name: 'Svara på begäran' }).click();
    await eventually(() => status(admin)).toContain('Ny sista dag är 2015-06-30.');
    await eventually(() => text(admin.locator('main'))).toContain('2015-06-30 (först 2015-05-31)');
    expect(await text(admin.getByRole('table', { name: 'Tidigare begäranden om ny sista dag' }))).toContain(
      'Godkänd 2015-05-20',
    );

    await page.reload();
    await eventually(() => text(page.locator('main'))).toContain('2015-06-30 (först 2015-05-31)');
    expect(coordinator.problems).toEqual([]);
    expect(administrator.problems).toEqual([]);
  });
});
