import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './browser.ts';
import { applicationBody, areaBodyFor, kur2Programme } from './factories.ts';
import { type LocalStack, startLocalStack } from './local-stack.ts';

/**
 * One browser and one local stack for an e2e test file, with programme `kur2` in place, and the
 * few things each test does through the API or the page: sign in, set the clock, make a submitted or
 * approved application, or one whose plan is owed. Call `browserSession()` at the top of the file;
 * `browserSession({ directory: true })` signs the picker in through a user pool, as `npm start` does.
 */
export const browserSession = (options: { directory?: boolean } = {}) => {
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
   * A complete application (2014: 120 000 kr, 2015: 180 000 kr), drafted and submitted by the
   * area's coordinator on 2 June 2014; approved in full when `approve` is set. Answers its id.
   */
  const submittedApplication = async (
    areaId: string,
    programmeId: string,
    title: string,
    { approve = false } = {},
  ): Promise<string> => {
    await setClock('2014-06-02');
    const coordinator = await asCoordinator(areaId);
    const created = await api('POST', '/applications', applicationBody({ programmeId, title }), coordinator);
    await api('POST', `/applications/${created.id}/submit`, undefined, coordinator);
    if (approve) {
      await api(
        'POST',
        `/applications/${created.id}/decision`,
        { outcome: 'approved', grantedByYear: { '2014': 120_000, '2015': 180_000 } },
        await asAdmin(),
      );
    }
    return created.id;
  };

  /**
   * An approved application of the area (KUR 2: its plan för samarbete is due at the planned end,
   * 2015-05-31); answers the id of that obligation.
   */
  const owedPlan = async (areaId: string, title: string): Promise<string> => {
    await api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), await asAdmin());
    const applicationId = await submittedApplication(areaId, 'kur2', title, { approve: true });
    const owed = await api('GET', '/follow-ups', undefined, await asCoordinator(areaId));
    const plan = owed.items.find(
      (f: { applicationId: string; kind: string }) =>
        f.applicationId === applicationId && f.kind === 'collaborationPlan',
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
    [stack, browser] = await Promise.all([startLocalStack(options), launchBrowser()]);
    await api('PUT', '/programmes/kur2', kur2Programme(), await asAdmin());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  return {
    get stack() {
      return stack;
    },
    ADMIN,
    coordinatorEmail,
    api,
    asAdmin,
    asCoordinator,
    setClock,
    submittedApplication,
    owedPlan,
    open,
    eventually,
    text,
    heading,
    signIn,
  };
};
