import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as listEmailProblems } from '../../functions/email-problems/list.ts';
import { handler as feedbackHandler } from '../../functions/mailer/feedback.ts';
import { routes } from '../../shared/http/routes.ts';
import { logger } from '../../shared/observability.ts';
import { admin, coordinatorOf, invoke, lambdaContext } from '../support/events.ts';

/** The feedback function as Lambda invokes it (middy: with a context). */
const feedback = (event: SNSEvent) => feedbackHandler(event, lambdaContext());

/**
 * SES bounce, complaint and reject notifications as the configuration set's event destination
 * publishes them (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html),
 * delivered by SNS to the feedback function; administrators read the result on GET /email-problems.
 */

const mail = (destination: string[], timestamp: string) => ({
  timestamp,
  source: 'kur@example.se',
  sourceArn: 'arn:aws:ses:eu-north-1:123456789012:identity/kur@example.se',
  sendingAccountId: '123456789012',
  messageId: `0100-${randomUUID()}`,
  destination,
  headersTruncated: false,
  tags: { 'ses:configuration-set': ['kur-mail'] },
});

const bounce = (recipients: string[], timestamp: string, bounceType = 'Permanent') => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: recipients.map((emailAddress) => ({
      emailAddress,
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: `smtp; 550 5.1.1 <${emailAddress}>: Recipient address rejected`,
    })),
    timestamp,
    feedbackId: `0100-${randomUUID()}-000000`,
    reportingMTA: 'dsn; e226-55.smtp-out.eu-north-1.amazonses.com',
  },
  mail: mail(recipients, timestamp),
});

const complaint = (recipients: string[], timestamp: string) => ({
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
    timestamp,
    feedbackId: `0100-${randomUUID()}-000000`,
    complaintFeedbackType: 'abuse',
  },
  mail: mail(recipients, timestamp),
});

const reject = (recipients: string[], timestamp: string) => ({
  eventType: 'Reject',
  reject: { reason: 'Bad content' },
  mail: mail(recipients, timestamp),
});

const snsEvent = (...messages: (object | string)[]): SNSEvent => ({
  Records: messages.map((message) => ({
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-north-1:123456789012:feedback:1',
    Sns: {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: 'arn:aws:sns:eu-north-1:123456789012:feedback',
      Subject: '',
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '1',
      Signature: 'x',
      SigningCertUrl: 'https://sns.eu-north-1.amazonaws.com/cert.pem',
      UnsubscribeUrl: 'https://sns.eu-north-1.amazonaws.com/unsubscribe',
      MessageAttributes: {},
    },
  })),
});

interface Problem {
  address: string;
  problem: string;
  bounceType?: string;
  lastEventAt: string;
  count: number;
}

const problems = async (): Promise<Map<string, Problem>> => {
  const listed = await invoke<{ items: Problem[] }>(listEmailProblems, routes.listEmailProblems, {
    caller: admin,
  });
  expect(listed.status).toBe(200);
  return new Map(listed.body.items.map((item) => [item.address, item]));
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SES feedback', () => {
  it('marks both recipients of one bounce, lower-cased, and lists them for administrators', async () => {
    await feedback(
      snsEvent(bounce(['Eva.Ek@Karlstad.se', 'per.berg@arbetsformedlingen.se'], '2015-03-02T08:00:00.000Z')),
    );

    const listed = await problems();
    expect(listed.get('eva.ek@karlstad.se')).toEqual({
      address: 'eva.ek@karlstad.se',
      problem: 'bounce',
      bounceType: 'Permanent',
      lastEventAt: '2015-03-02T08:00:00.000Z',
      count: 1,
    });
    expect(listed.get('per.berg@arbetsformedlingen.se')).toMatchObject({ problem: 'bounce', count: 1 });
    expect(listed.has('Eva.Ek@Karlstad.se')).toBe(false);
  });

  it('counts a second bounce of an address, and a redelivered notification only once', async () => {
    const first = bounce(['anna@lulea.se'], '2015-03-02T08:00:00.000Z');
    await feedback(snsEvent(first));
    await feedback(snsEvent(bounce(['anna@lulea.se'], '2015-03-05T09:30:00.000Z', 'Transient')));
    // SNS and Lambda deliver at least once: the same notification again changes nothing.
    await feedback(snsEvent(first));

    expect((await problems()).get('anna@lulea.se')).toEqual({
      address: 'anna@lulea.se',
      problem: 'bounce',
      bounceType: 'Transient',
      lastEventAt: '2015-03-05T09:30:00.000Z',
      count: 2,
    });
  });

  it('records a complaint, and a complaint after a bounce shows as the latest problem without a bounce type', async () => {
    await feedback(snsEvent(complaint(['chef@malmo.se'], '2015-04-01T10:00:00.000Z')));
    expect((await problems()).get('chef@malmo.se')).toEqual({
      address: 'chef@malmo.se',
      problem: 'complaint',
      lastEventAt: '2015-04-01T10:00:00.000Z',
      count: 1,
    });

    await feedback(snsEvent(bounce(['bo@umea.se'], '2015-04-01T10:00:00.000Z')));
    await feedback(snsEvent(complaint(['bo@umea.se'], '2015-04-02T10:00:00.000Z')));
    const bo = (await problems()).get('bo@umea.se');
    expect(bo).toMatchObject({ problem: 'complaint', count: 2, lastEventAt: '2015-04-02T10:00:00.000Z' });
    expect(bo?.bounceType).toBeUndefined();
  });

  it('counts a notification that arrives late without hiding the newer problem', async () => {
    await feedback(snsEvent(complaint(['sen@goteborg.se'], '2015-05-02T10:00:00.000Z')));
    await feedback(snsEvent(bounce(['sen@goteborg.se'], '2015-05-01T10:00:00.000Z')));
    expect((await problems()).get('sen@goteborg.se')).toEqual({
      address: 'sen@goteborg.se',
      problem: 'complaint',
      lastEventAt: '2015-05-02T10:00:00.000Z',
      count: 2,
    });
  });

  it('marks every recipient of a rejected message and ignores other event types', async () => {
    await feedback(
      snsEvent(reject(['a@sodertalje.se', 'B@Sodertalje.se'], '2015-06-01T07:00:00.000Z'), {
        eventType: 'Delivery',
        delivery: { timestamp: '2015-06-01T07:00:01.000Z', recipients: ['ok@sodertalje.se'] },
        mail: mail(['ok@sodertalje.se'], '2015-06-01T07:00:00.000Z'),
      }),
    );
    const listed = await problems();
    expect(listed.get('a@sodertalje.se')).toMatchObject({ problem: 'reject', count: 1 });
    expect(listed.get('b@sodertalje.se')).toMatchObject({ problem: 'reject', count: 1 });
    expect(listed.has('ok@sodertalje.se')).toBe(false);
  });

  it('drops what is not an SES notification (the topic validation message) without failing', async () => {
    const warn = vi.spyOn(logger, 'warn');
    await expect(
      feedback(snsEvent('Successfully validated SNS topic for Amazon SES event publishing.')),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('SES notification not understood; dropped', expect.anything());
  });

  it('logs the domain of an address, never the address', async () => {
    const info = vi.spyOn(logger, 'info');
    await feedback(snsEvent(bounce(['hemlig.person@kristianstad.se'], '2015-07-01T07:00:00.000Z')));
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).toContain('kristianstad.se');
    expect(logged).not.toContain('hemlig.person');
  });

  it('refuses the list to a coordinator', async () => {
    const refused = await invoke(listEmailProblems, routes.listEmailProblems, {
      caller: coordinatorOf('karlstad'),
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden' });
  });
});
