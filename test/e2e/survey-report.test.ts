import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { expectReadableAtBothWidths } from '../support/layout.ts';
import { firstSurveyRound } from '../support/survey-round.ts';

/**
 * Participant surveys in the form (issue 14): the coordinator finds the round's link on the
 * follow-up (to pass on, with its dates and how many have answered), and head office reads the
 * results on the reports screen — a chart of the yes shares whose text alternative is its table,
 * the rounds and areas, and the participants' comments shown as the text they typed, markup and all.
 */

const session = browserSession();
const { api, setClock, open, eventually, text, heading, signIn } = session;

const COMMENT = '<img src=x onerror=alert(1)><b>fet</b> & bra';

/** The chart's text alternative and its table's cells, as lists of numbers. */
const chartFigures = (page: Page) =>
  page.evaluate(`(() => {
    const numbers = (text) => (text.replace(/[\\u00a0\\u202f]/g, ' ').match(/\\d[\\d ]*/g) ?? []).map((n) => Number(n.replace(/ /g, '')));
    const figure = document.querySelector('figure.figure');
    const svg = figure.querySelector('svg');
    const table = figure.querySelector('table');
    return {
      name: document.getElementById(svg.getAttribute('aria-labelledby')).textContent,
      described: numbers(document.getElementById(svg.getAttribute('aria-describedby')).textContent),
      tabled: numbers([...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent).join(' | ')).join(' | ')),
    };
  })()`) as Promise<{ name: string; described: number[]; tabled: number[] }>;

/** A table's body rows as the reader sees them, cell by cell. */
const rowsOf = (page: Page, caption: string) =>
  page.evaluate(
    `[...[...document.querySelectorAll('table')].find((t) => t.caption.textContent === ${JSON.stringify(caption)}).tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.replace(/[\\u00a0\\u202f]/g, ' ')))`,
  ) as Promise<string[][]>;

describe('participant surveys in the form', { timeout: 120_000 }, () => {
  it('shows the coordinator the link to pass on, and head office the results with the comments as typed', async () => {
    const round = await firstSurveyRound(session, 'karlstad');
    const path = new URL(round.survey.url).pathname;
    await setClock('2011-12-01T10:00:00+01:00');
    // Three participants, each in a browser of their own (no cookie between the calls).
    for (const answer of [
      { rating: 4, valuable: 'yes', moreNeeded: 'yes' },
      { rating: 3, valuable: 'no', moreNeeded: 'yes', comment: COMMENT },
      { rating: 5, valuable: 'yes', moreNeeded: 'unknown' },
    ]) {
      await api('POST', `${path}/responses`, answer);
    }

    // The coordinator: the link, what to do with it, when the round opens and closes, the count.
    const coordinator = await open();
    const page = coordinator.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: session.stack.url,
    });
    await signIn(page, { areaId: 'karlstad' }, `#/uppfoljningar/${round.id}`);
    await eventually(() => page.getByRole('heading', { name: 'Deltagarenkät 1' }).count()).toBe(1);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Deltagarenkät 1' }) });
    expect(await text(section)).toContain('Skicka länken till deltagarna i utbildningen');
    const link = section.getByRole('link', { name: round.survey.url });
    expect(await link.getAttribute('href')).toBe(round.survey.url);
    const details = await section
      .locator('dt')
      .evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(details).toEqual([
      ['Länk till enkäten', round.survey.url],
      ['Öppnar', '2011-11-30'],
      ['Stänger', '2011-12-30'],
      ['Har svarat', '3 deltagare'],
    ]);
    await section.getByRole('button', { name: 'Kopiera länken' }).click();
    await eventually(() => page.evaluate('navigator.clipboard.readText()')).toBe(round.survey.url);
    await eventually(() => text(page.locator('#status'))).toContain('Länken är kopierad');
    await expectAccessible(page, 'follow-up with survey');
    await expectReadableAtBothWidths(page, 'follow-up with survey');
    expect(coordinator.problems).toEqual([]);

    // Head office: the report screen.
    const admin = await open();
    const reports = admin.page;
    await signIn(reports, { admin: true }, '#/rapporter');
    await eventually(() => heading(reports)).toBe('Rapporter');
    await reports.locator('#r-programme').selectOption('kur1');
    await reports.getByRole('button', { name: 'Visa deltagarenkäter' }).click();
    const name = 'Andel som svarat ja av dem som svarat ja eller nej, per fråga och enkät';
    await eventually(() => reports.getByRole('img', { name }).count()).toBe(1);

    const chart = await chartFigures(reports);
    expect(chart.name).toBe(name);
    // 2 of 3 yes to "värdefullt"; 2 yes and a "vet ej" to "fler behövs": 67 % and 100 %.
    expect(chart.described).toEqual([1, 67, 33, 1, 100, 0]);
    expect(chart.described).toEqual(chart.tabled);
    expect(await rowsOf(reports, 'Svar per enkät')).toEqual([['1', '3', '4,0', '67 %', '100 %', '–', '–']]);
    expect(await rowsOf(reports, 'Svar per område och enkät')).toEqual([
      ['LFC karlstad', '1', '3', '4,0', '67 %', '100 %', '–', '–'],
    ]);

    // The comment as typed: its text on the screen, and not one element made of it.
    const comments = reports.locator('ul.comments li');
    expect(await comments.count()).toBe(1);
    expect(await comments.locator('p').nth(1).textContent()).toBe(COMMENT);
    expect(await comments.locator('p').first().textContent()).toBe('LFC karlstad, enkät 1');
    const report = reports.locator('section[aria-labelledby="report-title"]');
    expect(await report.locator('img, b').count()).toBe(0);

    await expectAccessible(reports, 'survey results');
    await expectReadableAtBothWidths(reports, 'survey results');
    expect(admin.problems).toEqual([]);
  });
});
