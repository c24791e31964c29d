import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshots } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { applicationBody, areaBodyFor } from '../support/factories.ts';

/**
 * The start page in a real browser against the local stack: where sign-in lands, what waits for
 * head office and what is late, each a link to where it is dealt with. Scanned with axe-core
 * (WCAG 2.1 A and AA). The test makes its own data through the API.
 */

const session = browserSession();
const { api, asAdmin, asCoordinator, setClock, owedPlan, open, eventually, text, heading, signIn } = session;

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
