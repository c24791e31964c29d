import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Headless Debian Chromium for the end-to-end tests (`.ci/run` installs it with apt-get), kept off
 * the network: without the background-networking flags it phones home and this closed network
 * refuses it. Pages fail their test on any console error or CSP violation (zod's eval probe
 * included, were it not jitless), so a strict CSP that breaks the form cannot pass unseen.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export const openPage = async (browser: Browser): Promise<WatchedPage> => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'sv-SE', acceptDownloads: true });
  // A blocked script, style or eval fires this event, often without any console message.
  await context.addInitScript(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A 4xx the form handles (422 on submit, 412 on a stale save) is logged by Chromium as a failed
    // resource load; that is the API speaking, not the page failing.
    if (message.type() === 'error' && !/Failed to load resource: the server responded/.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, context, problems };
};

const SCREENSHOTS = resolve('test-results/screenshots');
let announced = false;

/**
 * Full-page screenshots at desktop and phone width (`<name>-desktop.png`, `<name>-phone.png`),
 * and at phone width the page must fit without sideways scrolling.
 */
export const screenshots = async (page: Page, name: string): Promise<void> => {
  if (!announced) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    console.log(`Screenshots of the form: ${SCREENSHOTS}`);
    announced = true;
  }
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  // Reflow (WCAG 1.4.10, which 200 % zoom is a case of): nothing may need sideways scrolling.
  expect(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    `${name} scrolls sideways at ${PHONE.width} px`,
  ).toBe(0);
  await page.setViewportSize(DESKTOP);
};

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * An axe-core scan against WCAG 2.1 A and AA, injected through the DevTools protocol (not a
 * <script>, which the page's CSP rightly refuses). Fails on any serious or critical violation.
 */
export const expectAccessible = async (page: Page, screen: string): Promise<void> => {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${screen}`).toEqual([]);
  const minor = violations.filter((v) => !serious.some((s) => s.startsWith(`${v.id} `)));
  if (minor.length > 0)
    console.log(
      `axe on ${screen}, moderate or minor: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`,
    );
};
