import { describe, expect, it } from 'vitest';
import { expectAccessible, PHONE } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { firstSurveyRound } from '../support/survey-round.ts';

/**
 * The participant survey in a real browser (issue 14): a participant opens the link without
 * signing in, answers on the page (axe clean, fits a phone, no CSP violation), and the same
 * browser is refused a second answer.
 */

const session = browserSession();
const { setClock, open, eventually, heading } = session;

/** The path of the link to the first survey round of an approved KUR 1 training in the area. */
const surveyLink = async (areaId: string): Promise<string> =>
  new URL((await firstSurveyRound(session, areaId)).survey.url).pathname;

describe('the participant survey page', () => {
  it('takes an anonymous answer in Chromium, axe clean and phone-sized, and refuses the same browser a second time', async () => {
    const path = await surveyLink('karlstad');
    await setClock('2011-12-01T10:00:00+01:00');
    const { page, problems } = await open();
    await page.goto(`${session.stack.url}${path}`);
    await eventually(() => heading(page)).toBe('Deltagarenkät 1');
    await expectAccessible(page, 'survey page');

    // Sending with nothing chosen names what is missing, each a link to its question.
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await eventually(() => page.locator('#errors a').count()).toBe(3);
    await expectAccessible(page, 'survey page with errors');

    await page.getByLabel('4', { exact: true }).check();
    await page
      .getByRole('group', { name: /värdefullt/ })
      .getByLabel('Ja')
      .check();
    await page
      .getByRole('group', { name: /Behövs fler/ })
      .getByLabel('Nej')
      .check();
    await page.getByLabel('Vill du lägga till något? (frivilligt)').fill('<b>Bra</b> & nyttigt');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await eventually(() => heading(page)).toBe('Tack för ditt svar!');
    await expectAccessible(page, 'survey thanks');

    // The same browser again: the page says so, and an answer sent anyway is refused.
    await page.reload();
    await eventually(() => heading(page)).toBe('Du har redan svarat');
    const again = await page.evaluate(
      `fetch(location.pathname + '/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: 2, valuable: 'no', moreNeeded: 'no' }) }).then((r) => r.status)`,
    );
    expect(again).toBe(409);
    // Another browser (a fresh context) may answer.
    const other = await open();
    await other.page.goto(`${session.stack.url}${path}`);
    await eventually(() => heading(other.page)).toBe('Deltagarenkät 1');
    expect(problems.filter((p) => !/409/.test(p))).toEqual([]);
  });
});
