import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { expectReadableAtBothWidths } from '../support/layout.ts';

/**
 * The charts: inline SVG drawn by the form itself, each an image whose text alternative holds the
 * same figures as the table that follows it — funds per year split into disbursed, granted and not
 * granted; areas with grants per region; follow-ups per region by how they stand. The
 * administrator's start page shows the latest programme at a glance.
 */

const session = browserSession();
const { setClock, owedPlan, open, eventually, heading, signIn } = session;

/** Every figure's text alternative and the figures of its table, as lists of numbers. */
const figures = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('figure.figure')].map((figure) => {
    const numbers = (text) => (text.replace(/[\\u00a0\\u202f]/g, ' ').match(/\\d[\\d ]*/g) ?? []).map((n) => Number(n.replace(/ /g, '')));
    const svg = figure.querySelector('svg');
    const desc = document.getElementById(svg.getAttribute('aria-describedby')).textContent;
    const name = document.getElementById(svg.getAttribute('aria-labelledby')).textContent;
    const table = figure.querySelector('table');
    return {
      name,
      role: svg.getAttribute('role'),
      caption: table.caption.textContent,
      described: numbers(desc),
      tabled: numbers([...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent).join(' | ')).join(' | ')),
      scripts: document.querySelectorAll('script[src]').length,
    };
  })`) as Promise<
    { name: string; role: string; caption: string; described: number[]; tabled: number[]; scripts: number }[]
  >;

const expectChartsAgreeWithTables = async (page: Page, names: string[]) => {
  const found = await figures(page);
  expect(found.map((f) => f.name)).toEqual(names);
  for (const f of found) {
    expect(f.role).toBe('img');
    expect(f.caption).toBe(f.name);
    expect(f.described.length).toBeGreaterThan(0);
    expect(f.described, f.name).toEqual(f.tabled);
    expect(f.scripts).toBe(0);
  }
};

describe('charts in a browser', { timeout: 90_000 }, () => {
  it('draws funds, regions and follow-ups with text alternatives equal to their tables', async () => {
    await owedPlan('filipstad', 'Gemensam grund i Filipstad');
    await setClock('2015-06-10');
    const { page, problems } = await open();
    await signIn(page, { admin: true });
    await eventually(() => heading(page)).toBe('Start');
    const funds = 'Anslaget per år: utbetalt, beviljat men inte utbetalt och inte beviljat';
    await eventually(() => page.getByRole('img', { name: funds }).count()).toBe(1);
    await expectChartsAgreeWithTables(page, [funds]);
    // KUR 2's 2014: 120 000 kr granted of 10 mkr is a visible part of the bar, not a sliver.
    const granted = await page.evaluate(
      `document.querySelector('figure.figure svg rect.s1').getBoundingClientRect().width`,
    );
    expect(granted).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'start med diagram');
    await expectReadableAtBothWidths(page, 'start med diagram');

    await page.getByRole('link', { name: 'Rapporter', exact: true }).click();
    await eventually(() => heading(page)).toBe('Rapporter');
    await page.locator('#r-programme').selectOption('kur2');
    await page.getByRole('button', { name: 'Visa programsammanställning' }).click();
    await eventually(() => page.getByRole('img', { name: funds }).count()).toBe(1);
    await expectChartsAgreeWithTables(page, [funds, 'Områden med beviljad ansökan per region']);
    await expectAccessible(page, 'programsammanställning');
    await expectReadableAtBothWidths(page, 'programsammanställning');

    await page.getByRole('button', { name: 'Visa uppföljningsstatus' }).click();
    const status = 'Uppföljningar per region och läge';
    await eventually(() => page.getByRole('img', { name: status }).count()).toBe(1);
    await expectChartsAgreeWithTables(page, [status]);
    await expectAccessible(page, 'uppföljningsstatus');
    await expectReadableAtBothWidths(page, 'uppföljningsstatus');
    expect(problems).toEqual([]);
  });
});
