import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DESKTOP, PHONE } from './browser.ts';

/**
 * What a reader sees of the layout, measured in the rendered page: sideways scrolling, and words
 * in table cells split over two lines ("Områd/e", "2015-03-/31") — a word's text range that
 * lies on more than one line.
 */
const BROKEN_WORDS = `(() => {
  const broken = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
})()`;

export const brokenWords = (page: Page): Promise<string[]> =>
  page.evaluate(BROKEN_WORDS) as Promise<string[]>;

export const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

/** At 1280 and at 390 px: nothing scrolls sideways and no word in a table breaks. */
export const expectReadableAtBothWidths = async (page: Page, screen: string): Promise<void> => {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    expect(await sidewaysScroll(page), `${screen} scrolls sideways at ${size.width} px`).toBe(0);
    expect(await brokenWords(page), `${screen}: words broken in table cells at ${size.width} px`).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
};

/** The footer's link to the accessibility statement, there on every screen. */
export const expectStatementLink = async (page: Page, screen: string): Promise<void> => {
  const link = page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' });
  expect(await link.count(), `${screen}: link to the accessibility statement`).toBe(1);
  expect(await link.getAttribute('href')).toBe('tillganglighet');
};
