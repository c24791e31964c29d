import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
  openPage,
  screenshots,
  type WatchedPage,
} from '../support/browser.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * The start page in a real browser against the local stack: where sign-in lands, what waits for
 * head office and what is late, each a link to where it is dealt with. Scanned with axe-core
 * (WCAG 2.1 A and AA). The test makes its own data through the API.
 */

let stack: LocalStack;
let browser: Browser;
const opened: WatchedPage[] = [];

const ADMIN = 'anna.admin@forsakringskassan.se';
const coordinatorEmail = (areaId: string) => `samverkan.${areaId}@forsakringskassan.se`;

const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
};
const asAdmin = () => stack.authHeader('admin', { email: ADMIN });
const asCoordinator = (areaId: string) =>
  stack.authHeader('coordinator', { areaId, email: coordinatorEmail(areaId) });
const setClock = (now: string) => api('PUT', '/local/clock', { now });

/**
 * An approved application of the area (KUR 2: its plan för samarbete is due at the planned end,
 * 2015-05-31); answers the id of that obligation.
 */
const owedPlan = async (areaId: string, title: string): Promise<string> => {
  await api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), await asAdmin());
  await setClock('2014-06-02');
  const coordinator = await asCoordinator(areaId);
  const created = await api(
    'POST',
    '/applications',
    applicationBody({ programmeId: 'kur2', title }),
    coordinator,
  );
  await api('POST', `/applications/${created.id}/submit`, undefined, coordinator);
  await api(
    'POST',
    `/applications/${created.id}/decision`,
    { outcome: 'approved', grantedByYear: { '2014': 120_000, '2015': 180_000 } },
    await asAdmin(),
  );
  const owed = await api('GET', '/follow-ups', undefined, coordinator);
  const plan = owed.items.find(
    (f: { applicationId: string; kind: string }) =>
      f.applicationId === created.id && f.kind === 'collaborationPlan',
  );
  expect(plan?.dueOn).toBe('2015-05-31');
  return plan.id as string;
};

const open = async (): Promise<WatchedPage> => {
  const watched = await openPage(browser);
  opened.push(watched);
  return watched;
};

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });
const text = async (locator: Locator) =>
  ((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
const heading = (page: Page) => text(page.locator('h1'));

const signIn = async (page: Page, who: { admin: true } | { areaId: string }, hash = '') => {
  await page.goto(`${stack.url}/${hash}`);
  await eventually(() => heading(page)).toBe('Logga in i den lokala miljön');
  if ('admin' in who) {
    await page.getByLabel('Projektledning').check();
    await page.getByLabel('E-postadress').fill(ADMIN);
  } else {
    await page.getByLabel('Lokalt samverkansansvarig').check();
    await page.getByLabel('Område').fill(who.areaId);
    await page.getByLabel('E-postadress').fill(coordinatorEmail(who.areaId));
  }
  await page.getByRole('button', { name: 'Logga in' }).click();
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), launchBrowser()]);
  await api('PUT', '/programmes/kur2', kur2Programme(), await asAdmin());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the start page in a browser', { timeout: 90_000 }, () => {
  it('shows the administrator a submitted application to open, and the coordinator an overdue plan with its days late', async () => {
    const areaId = 'hagfors';
    const [planFor, waiting] = ['Gemensam grund i Hagfors', 'Nya vägar i Hagfors'];
    const followUpId = await owedPlan(areaId, planFor);
    // Another area's application: Hagfors has had all the programme grants it.
    const otherArea = 'munkfors';
    await api('PUT', `/areas/${otherArea}`, areaBodyFor(otherArea), await asAdmin());
    const coordinatorHeader = await asCoordinator(otherArea);
    const submitted = await api(
      'POST',
      '/applications',
      applicationBody({ programmeId: 'kur2', title: waiting }),
      coordinatorHeader,
    );
    await api('POST', `/applications/${submitted.id}/submit`, undefined, coordinatorHeader);
    await setClock('2015-06-10');

    // The administrator lands on the start page and opens the application that waits for a decision.
    const administrator = await open();
    const admin = administrator.page;
    await signIn(admin, { admin: true });
    await eventually(() => heading(admin)).toBe('Start');
    const decisions = admin.getByRole('region', { name: 'Väntar på beslut (1)' });
    await eventually(() => decisions.getByRole('link', { name: waiting }).count()).toBe(1);
    const overdue = admin.getByRole('region', { name: 'Försenade uppföljningar (1)' });
    expect(await text(overdue)).toContain('Försenad 10 dagar');
    expect(await text(admin.getByRole('region', { name: 'Väntar på granskning (0)' }))).toContain(
      'Inget väntar.',
    );
    await expectAccessible(admin, 'start (projektledningen)');
    await screenshots(admin, '00-start-projektledning');
    await decisions.getByRole('link', { name: waiting }).click();
    await eventually(() => heading(admin)).toBe(waiting);
    expect(admin.url()).toContain(`#/ansokningar/${submitted.id}`);

    // The coordinator lands on the area's start page: the plan is ten days late, and opens.
    const coordinator = await open();
    const page = coordinator.page;
    await signIn(page, { areaId });
    await eventually(() => heading(page)).toBe('Start');
    const late = page.getByRole('region', { name: 'Försenade uppföljningar (1)' });
    const planLink = late.getByRole('link', { name: `Plan för samarbete för ”${planFor}”` });
    await eventually(() => planLink.count()).toBe(1);
    expect(await text(late)).toContain('Försenad 10 dagar');
    expect(await page.getByRole('region', { name: /^Kommande \(\d+\)$/ }).count()).toBe(1);
    await expectAccessible(page, 'start (området)');
    await screenshots(page, '00-start-omradet');
    await planLink.click();
    await eventually(() => heading(page)).toBe(`Plan för samarbete för ”${planFor}”`);
    expect(page.url()).toContain(`#/uppfoljningar/${followUpId}`);

    expect(administrator.problems).toEqual([]);
    expect(coordinator.problems).toEqual([]);
  });
});
