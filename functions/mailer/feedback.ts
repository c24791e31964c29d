import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod';
import { clock } from '../../shared/adapters/clock.ts';
import {
  type EmailFeedback,
  type EmailProblem,
  recordEmailFeedback,
} from '../../shared/adapters/dynamodb/email-status.ts';
import { logger } from '../../shared/observability.ts';
import type { Clock } from '../../shared/ports.ts';

/**
 * SES feedback: the configuration set of the Mailer construct publishes bounces, complaints and
 * rejects to an SNS topic, and the topic invokes this function. Each address concerned is marked
 * (shared/adapters/dynamodb/email-status.ts), so administrators see it (GET /email-problems).
 *
 * Event publishing names the type in `eventType`; an identity's feedback notifications (should
 * someone point those at the topic too) name it in `notificationType`. Both are read.
 * Logs carry the domain of an address, never the address.
 */

const Recipient = z.object({ emailAddress: z.string() });
const Instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)));

const SesNotification = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string().min(1),
    timestamp: Instant,
    destination: z.array(z.string()).default([]),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bouncedRecipients: z.array(Recipient),
      timestamp: Instant,
      feedbackId: z.string().min(1),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(Recipient),
      timestamp: Instant,
      feedbackId: z.string().min(1),
    })
    .optional(),
});
type SesNotification = z.infer<typeof SesNotification>;

/** `Name <a@b.se>` or `a@b.se` → `a@b.se`, lower-cased; undefined when it is no address. */
export const normalizeAddress = (raw: string): string | undefined => {
  const address = (/<([^<>]+)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : undefined;
};

/** What logs may say about an address: its domain. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

const iso = (instant: string) => new Date(instant).toISOString();

/** The problems one SES notification reports, one per address; none for other event types. */
export const feedbackOf = (notification: SesNotification): EmailFeedback[] => {
  const type = notification.eventType ?? notification.notificationType;
  const each = (
    problem: EmailProblem,
    addresses: string[],
    at: string,
    eventId: string,
    bounceType?: string,
  ): EmailFeedback[] =>
    [...new Set(addresses.flatMap((raw) => normalizeAddress(raw) ?? []))].map((address) => ({
      address,
      problem,
      at: iso(at),
      eventId,
      ...(bounceType ? { bounceType } : {}),
    }));

  if (type === 'Bounce' && notification.bounce) {
    const { bounce } = notification;
    return each(
      'bounce',
      bounce.bouncedRecipients.map((r) => r.emailAddress),
      bounce.timestamp,
      bounce.feedbackId,
      bounce.bounceType,
    );
  }
  if (type === 'Complaint' && notification.complaint) {
    const { complaint } = notification;
    return each(
      'complaint',
      complaint.complainedRecipients.map((r) => r.emailAddress),
      complaint.timestamp,
      complaint.feedbackId,
    );
  }
  // SES refused the message (it found a virus): none of its recipients received it.
  if (type === 'Reject') {
    const { mail } = notification;
    return each('reject', mail.destination, mail.timestamp, `reject-${mail.messageId}`);
  }
  return [];
};

/**
 * Marks every address of every notification in the event. A notification that cannot be read is
 * logged and dropped (a retry would not read it either); a failed write throws, so that Lambda
 * retries the event and then hands it to the on-failure queue. Retries are safe: each
 * notification counts once per address.
 */
export const feedbackHandler =
  (deps: { clock: Clock }) =>
  async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      let body: unknown;
      try {
        body = JSON.parse(record.Sns.Message);
      } catch {
        body = undefined;
      }
      const parsed = SesNotification.safeParse(body);
      if (!parsed.success) {
        logger.warn('SES notification not understood; dropped', { snsMessageId: record.Sns.MessageId });
        continue;
      }
      const problems = feedbackOf(parsed.data);
      const outcomes = await Promise.all(
        problems.map((problem) => recordEmailFeedback(problem, deps.clock.now())),
      );
      problems.forEach((problem, i) => {
        logger.info('e-mail problem', {
          problem: problem.problem,
          bounceType: problem.bounceType,
          domain: domainOf(problem.address),
          outcome: outcomes[i],
          sesMessageId: parsed.data.mail.messageId,
        });
      });
    }
  };

export const handler = feedbackHandler({ clock });
