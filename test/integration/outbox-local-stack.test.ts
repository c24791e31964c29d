import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * Through the local gateway, on this file's own SES emulator: every answer waits until the e-mails
 * in the outbox went out — after a write; a read answers at once — so GET /local/outbox right after a
 * request shows them. Nothing here may
 * import shared/config.ts before the stack started (ownOutbox), hence the dynamic imports.
 */
let stack: LocalStack;
let outbox: typeof import('../support/outbox.ts');
beforeAll(async () => {
  stack = await startLocalStack({ ownOutbox: true });
  outbox = await import('../support/outbox.ts');
});
afterAll(() => stack?.stop());

const listed = async () =>
  ((await (await fetch(`${stack.url}/local/outbox`)).json()) as { emails: { subject: string }[] }).emails;

describe('the local stack and the outbox', () => {
  it('answers a request only after the e-mails in the outbox reached the SES emulator', async () => {
    const email = outbox.testEmail();
    // As a handler's transaction would, just before answering.
    const [id = ''] = await outbox.writeOutbox([email]);

    // A read does not wait for the stream: the e-mail is still unsent after it.
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect(await outbox.readOutboxItem(id)).toMatchObject({ status: 'pending' });

    // Any write does (here one that sends nothing itself: the clock back to real time).
    const started = performance.now();
    expect((await fetch(`${stack.url}/local/clock`, { method: 'DELETE' })).status).toBe(200);
    const ms = performance.now() - started;

    expect(await stack.outbox()).toEqual([
      expect.objectContaining({
        to: email.to,
        cc: email.cc,
        subject: email.subject,
        text: email.text,
        html: email.html,
      }),
    ]);
    expect(await listed()).toHaveLength(1);
    expect(await outbox.readOutboxItem(id)).toMatchObject({ status: 'sent' });
    // The drain is quick: the stream shows a write within ~100-200 ms on DynamoDB Local.
    expect(ms).toBeLessThan(2_000);
  });

  it('sends nothing twice across requests, and costs little when there is nothing to send', async () => {
    await fetch(`${stack.url}/local/outbox`, { method: 'DELETE' });
    const emails = [outbox.testEmail(), outbox.testEmail()];
    await outbox.writeOutbox(emails);
    await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
      durations.push(performance.now() - started);
    }
    expect((await listed()).map((e) => e.subject).sort()).toEqual(emails.map((e) => e.subject).sort());
    expect(Math.min(...durations)).toBeLessThan(200);
  });
});
