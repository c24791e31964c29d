import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshots } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody } from '../support/factories.ts';
import { ownData } from './support/own-data.ts';

/**
 * The form in a real browser (headless Debian Chromium) against the local stack: a coordinator
 * drafts, saves, submits with errors, fixes and submits; an administrator approves; the coordinator
 * reports completion and hands in a follow-up; the administrator waives one and downloads a CSV.
 * Each screen is scanned with axe-core and photographed at desktop and phone width.
 *
 * Each test makes what it starts from through the API, in an area of its own (and a programme of
 * its own where it reads a programme's totals), so that any one of them passes alone
 * (`npx vitest run test/e2e/form.test.ts -t "<name>"`) and in any order.
 */

const session = browserSession();
const { api, asCoordinator, setClock, submittedApplication, open, eventually, text, heading, signIn } =
  session;
const { ownArea, ownProgramme } = ownData(session);

const status = (page: Page) => text(page.locator('#status'));

describe('the form in a browser', { timeout: 60_000 }, () => {
  it('lets a coordinator draft, save, see every error on submit, fix them and submit', async () => {
    const areaId = 'arvika';
    await ownArea(areaId);
    await setClock('2014-06-02');
    const { page, problems } = await open();
    await page.goto(`${session.stack.url}/`);
    await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
    await expectAccessible(page, 'inloggning');
    await screenshots(page, '01-inloggning');

    await signIn(page, { areaId });
    // Sign-in lands on the start page; the applications are one link away.
    await eventually(() => heading(page)).toBe('Start');
    await page.getByRole('link', { name: 'Ansökningar', exact: true }).click();
    await eventually(() => heading(page)).toBe('Ansökningar');
    await eventually(() => page.getByText('Området har inga ansökningar ännu.').count()).toBe(1);
    await expectAccessible(page, 'ansökningar (tom)');
    await screenshots(page, '02-ansokningar-tom');

    await page.getByRole('link', { name: 'Ny ansökan' }).click();
    await eventually(() => heading(page)).toBe('Ny ansökan');
    await expectAccessible(page, 'ny ansökan');
    await screenshots(page, '03-ny-ansokan');

    // Other tests' programmes may be listed too: choose KUR 2.
    await page.locator('#f-programmeId').selectOption('kur2');
    await page.getByLabel('Titel').fill('Gemensam grund i Värmland');
    await page.getByLabel('Gemensam kunskapssatsning').check();
    await page
      .locator('#f-act-knowledge-description')
      .fill('Utbildning om psykisk ohälsa för alla fyra huvudmän.');
    await page.locator('#f-act-knowledge-plannedStart').fill('2014-09-01');
    await page.locator('#f-act-knowledge-plannedEnd').fill('2015-03-31');
    await page.getByLabel('Plan för samarbete').check();
    await page.locator('#f-act-collaborationPlan-description').fill('Plan för gemensamma samverkansformer.');
    await page.locator('#f-act-collaborationPlan-plannedStart').fill('2014-09-01');
    await page.locator('#f-act-collaborationPlan-plannedEnd').fill('2015-05-31');
    const partners = applicationBody().partners ?? [];
    for (const partner of partners.filter((p) => p.type !== 'region')) {
      await page.locator(`#f-partner-${partner.type}-name`).fill(partner.name);
      await page.locator(`#f-partner-${partner.type}-contactName`).fill(partner.contactName);
      await page.locator(`#f-partner-${partner.type}-contactEmail`).fill(partner.contactEmail);
    }
    await page.locator('#f-partner-kommun-contactEmail').fill('lena.lind@');
    await page.getByLabel('Ja', { exact: true }).check();
    await page.getByLabel('Organisationer (valfritt)').fill('RSMH Värmland');
    const budget = [
      ['2014', 'lecturer', 'Föreläsare', '120 000'],
      ['2014', 'catering', 'Fika', '20000'],
      ['2015', 'processSupport', 'Processtöd', '180000'],
    ];
    for (const [index, [year, category, description, amount]] of budget.entries()) {
      await page.getByRole('button', { name: 'Lägg till budgetrad' }).click();
      await page.locator(`#f-budget-${index}-year`).selectOption(year ?? '');
      await page.locator(`#f-budget-${index}-category`).selectOption(category ?? '');
      await page.locator(`#f-budget-${index}-description`).fill(description ?? '');
      await page.locator(`#f-budget-${index}-amount`).fill(amount ?? '');
    }
    expect(await text(page.locator('.totals'))).toContain('Totalt: 320 000 kr');

    // The browser checks the draft with the API's own schema before sending it.
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    const summary = page.locator('.error-summary');
    await eventually(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Kommunen, kontaktpersonens e-post: Skriv e-postadressen');
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    expect(await page.locator('#f-partner-kommun-contactEmail').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('f-partner-kommun-contactEmail');
    await page.locator('#f-partner-kommun-contactEmail').fill('lena.lind@karlstad.se');

    // What was typed survives a reload before anything was saved.
    await page.reload();
    await eventually(() => page.getByText('Vi har återställt det du skrev').count()).toBe(1);
    expect(await page.getByLabel('Titel').inputValue()).toBe('Gemensam grund i Värmland');
    expect(await page.locator('#f-partner-kommun-contactEmail').inputValue()).toBe('lena.lind@karlstad.se');

    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await eventually(() => text(page.locator('.saved'))).toMatch(/^Utkastet är sparat/);
    expect(page.url()).toMatch(/#\/ansokningar\/[0-9a-f-]{36}$/);

    // Submitting shows the answers to check first; sending them shows every rule the API reports,
    // beside its field and in the summary.
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Kontrollera ansökan innan du skickar in');
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => summary.textContent()).toContain('3 saker att rätta');
    const errors = await summary.textContent();
    expect(errors).toContain('Alla fyra huvudmän ska delta');
    expect(errors).toContain('Lokaler, förtäring, resor och logi kan inte beviljas medel.');
    expect(errors).toContain('En plan för samarbete ska vara förankrad hos den lokala ledningen.');
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    for (const id of ['f-partner-region', 'f-budget-1-category', 'f-managementAnchored']) {
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');
    }
    expect(await page.locator('#err-f-budget-1-category').textContent()).toContain('kan inte beviljas');
    await expectAccessible(page, 'ansökan med fel');
    await screenshots(page, '04-ansokan-med-fel');

    const region = partners.find((p) => p.type === 'region');
    await page.locator('#f-partner-region-name').fill(region?.name ?? '');
    await page.locator('#f-partner-region-contactName').fill(region?.contactName ?? '');
    await page.locator('#f-partner-region-contactEmail').fill(region?.contactEmail ?? '');
    await page.getByRole('button', { name: 'Ta bort budgetrad 2' }).click();
    expect(await text(page.locator('.totals'))).toContain('Totalt: 300 000 kr');
    await page.getByLabel('Den lokala ledningen står bakom planen för samarbete').check();

    // Keyboard only: Tab on to the submit button, Enter.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement.textContent')) === 'Skicka in ansökan') break;
    }
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skicka in ansökan');
    await page.keyboard.press('Enter');
    await eventually(() => heading(page)).toBe('Kontrollera ansökan innan du skickar in');
    await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
    await eventually(() => heading(page)).toBe('Ansökan är inskickad');
    await page.getByRole('link', { name: 'Visa ansökan' }).click();
    await eventually(() => page.locator('.tag').first().textContent()).toBe('Inskickad');
    expect(await page.locator('h1').textContent()).toBe('Gemensam grund i Värmland');
    await expectAccessible(page, 'inskickad ansökan');
    await screenshots(page, '05-ansokan-inskickad');

    await page.getByRole('link', { name: 'Ansökningar', exact: true }).click();
    await eventually(() => page.getByRole('link', { name: 'Gemensam grund i Värmland' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('tells a coordinator when someone else changed the draft and keeps their text to copy', async () => {
    const areaId = 'kil';
    await ownArea(areaId);
    await setClock('2014-06-02');
    const coordinator = await asCoordinator(areaId);
    const draft = await api(
      'POST',
      '/applications',
      { programmeId: 'kur2', title: 'Andra ansökan' },
      coordinator,
    );
    const { page, problems } = await open();
    await signIn(page, { areaId }, `#/ansokningar/${draft.id}`);
    await eventually(() => heading(page)).toBe('Ansökan: Andra ansökan');

    await api(
      'PUT',
      `/applications/${draft.id}`,
      { programmeId: 'kur2', title: 'Kollegans titel' },
      {
        ...coordinator,
        'if-match': '1',
      },
    );
    await page.getByLabel('Titel').fill('Min egen titel');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await eventually(() => page.locator('.conflict').isVisible()).toBe(true);
    expect(await page.locator('.conflict h2').textContent()).toBe('Någon annan har ändrat ansökan');
    expect(await page.getByLabel('Titel').inputValue()).toBe('Min egen titel');

    await page.getByRole('button', { name: /Ladda den senaste versionen/ }).click();
    await eventually(() => page.getByLabel('Titel').inputValue()).toBe('Kollegans titel');
    expect(await page.getByLabel('Din text att kopiera').inputValue()).toContain('Titel: Min egen titel');
    await page.reload();
    await eventually(() => page.getByLabel('Din text att kopiera').inputValue()).toContain('Min egen titel');
    await expectAccessible(page, 'konflikt');
    await screenshots(page, '06-konflikt');
    expect(problems).toEqual([]);
  });

  it('lets an administrator open a submitted application with its history and approve it per year', async () => {
    const [areaId, programmeId, title] = ['saffle', 'kur2-beslut', 'Gemensam grund i Säffle'];
    await Promise.all([ownArea(areaId), ownProgramme(programmeId)]);
    await submittedApplication(areaId, programmeId, title);
    const { page, problems } = await open();
    await signIn(page, { admin: true }, '#/ansokningar');
    await eventually(() => heading(page)).toBe('Ansökningar');
    await eventually(() => page.getByRole('link', { name: title }).count()).toBe(1);
    await expectAccessible(page, 'inskickade ansökningar');
    await screenshots(page, '07-admin-ansokningar');

    await page.getByRole('link', { name: title }).click();
    await eventually(() => heading(page)).toBe(title);
    const history = await page.getByRole('table', { name: 'Vad som har hänt med ansökan' }).textContent();
    expect(history).toContain('Inskickad');
    expect(history).toContain(session.coordinatorEmail(areaId));
    expect(await page.getByLabel('Beviljas för 2014 (kr)').inputValue()).toBe('120000');
    expect(await page.getByLabel('Beviljas för 2015 (kr)').inputValue()).toBe('180000');
    expect(await page.getByText('Kvar av årets anslag: 10 000 000 kr', { exact: false }).count()).toBe(2);
    await expectAccessible(page, 'beslut');
    await screenshots(page, '08-beslut');

    // Nothing is chosen for the administrator: the amounts show once "Bevilja" is.
    expect(await page.locator('input[name=outcome]:checked').count()).toBe(0);
    await page.getByRole('radio', { name: 'Bevilja' }).check();
    await page.getByRole('button', { name: 'Registrera beslut' }).click();
    await eventually(() => status(page)).toContain('Beslutet är registrerat: Beviljad.');
    expect(await page.locator('.tag').first().textContent()).toBe('Beviljad');
    expect(problems).toEqual([]);
  });

  it('lets the coordinator report completion and costs, then hand in a follow-up', async () => {
    const [areaId, title] = ['torsby', 'Gemensam grund i Torsby'];
    await ownArea(areaId);
    const applicationId = await submittedApplication(areaId, 'kur2', title, { approve: true });
    await setClock('2015-06-10');
    const { page, problems } = await open();
    await signIn(page, { areaId }, `#/ansokningar/${applicationId}`);
    await eventually(() => page.getByRole('heading', { name: 'Slutrapport' }).count()).toBe(1);
    await page.locator('#f-ended-knowledge').fill('2015-03-31');
    await page.locator('#f-ended-collaborationPlan').fill('2015-05-31');
    await page.locator('#f-participants-knowledge').fill('84');
    await page.locator('#f-cost-0-amount').fill('110000');
    expect(await text(page.locator('#f-costs .totals'))).toContain(
      '2014: 110 000 kr av beviljade 120 000 kr',
    );
    await expectAccessible(page, 'slutrapport');
    await screenshots(page, '09-slutrapport');
    await page.getByRole('button', { name: 'Skicka slutrapport' }).click();
    await eventually(() => status(page)).toContain('plan för samarbete senast 2015-05-31');
    expect(await status(page)).toContain('uppföljning efter sex månader senast 2015-11-30');

    await page.getByRole('link', { name: 'Uppföljningar', exact: true }).click();
    await eventually(() => heading(page)).toBe('Uppföljningar');
    const plan = page.getByRole('region', { name: 'Plan för samarbete – senast 2015-05-31' });
    expect(
      await page.getByRole('region', { name: 'Uppföljning efter sex månader – senast 2015-11-30' }).count(),
    ).toBe(1);
    await expectAccessible(page, 'uppföljningar');
    await screenshots(page, '10-uppfoljningar');

    await plan.getByRole('button', { name: 'Lämna in' }).click();
    await eventually(() => plan.locator('.error-summary').textContent()).toContain(
      'Sammanfattning: Skriv en sammanfattning',
    );
    await plan.getByLabel('Sammanfattning').fill('Planen antogs av den lokala ledningsgruppen i maj.');
    await plan.getByLabel('Länk till dokumentet (valfritt)').fill('https://intra.example.se/plan.pdf');
    await plan.getByRole('button', { name: 'Lämna in' }).click();
    await eventually(() => status(page)).toContain(`Plan för samarbete för ”${title}” är inlämnad.`);
    expect(
      await page.getByRole('table', { name: 'Inlämnade och strukna uppföljningar' }).textContent(),
    ).toContain('2015-06-10');
    expect(problems).toEqual([]);
  });

  it('lets the administrator waive a follow-up, run the programme summary and download a CSV', async () => {
    const [areaId, programmeId, title] = ['hagfors', 'kur2-rapport', 'Gemensam grund i Hagfors'];
    await Promise.all([ownArea(areaId), ownProgramme(programmeId)]);
    const applicationId = await submittedApplication(areaId, programmeId, title, { approve: true });
    await setClock('2015-06-10');
    await api(
      'POST',
      `/applications/${applicationId}/completion`,
      {
        activities: [
          { type: 'knowledge', endedOn: '2015-03-31', participants: 84 },
          { type: 'collaborationPlan', endedOn: '2015-05-31' },
        ],
        costs: [
          { year: 2014, category: 'lecturer', amount: 110_000 },
          { year: 2015, category: 'processSupport', amount: 180_000 },
        ],
      },
      await asCoordinator(areaId),
    );

    const { page, problems } = await open();
    await signIn(page, { admin: true }, '#/uppfoljningar');
    // The administrator sees every area's follow-ups: this test's is the one of its application.
    const sixMonths = page
      .getByRole('region', { name: 'Uppföljning efter sex månader – senast 2015-11-30' })
      .filter({ hasText: title });
    await eventually(() => sixMonths.count()).toBe(1);
    await sixMonths
      .getByLabel('Skäl att stryka uppföljningen')
      .fill('Planen följs upp i den regionala samverkan.');
    await sixMonths.getByRole('button', { name: 'Stryk uppföljningen' }).click();
    await eventually(() => status(page)).toContain('är struken');

    await page.getByRole('link', { name: 'Rapporter' }).click();
    await eventually(() => heading(page)).toBe('Rapporter');
    await page.locator('#r-programme').selectOption(programmeId);
    await page.getByRole('button', { name: 'Visa programsammanställning' }).click();
    const chart = page.getByRole('img', {
      name: 'Anslaget per år: utbetalt, beviljat men inte utbetalt och inte beviljat',
    });
    await eventually(() => chart.count()).toBe(1);
    const funds = await text(page.getByRole('table', { name: 'Medel per år (kr)' }));
    expect(funds).toContain('120 000 kr');
    expect(funds).toContain('110 000 kr');
    await expectAccessible(page, 'rapporter');
    await screenshots(page, '11-rapporter');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner medel per år (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[1]).toContain('2014');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(problems).toEqual([]);
  });
});
