import type { Clock, EmailFeedback, EmailProblem, EmailStatusStore, Log } from '../ports.ts';
import { type SesNotification, sesNotification } from '../schemas/ses-notification.ts';

/**
 * SES feedback: bounces, complaints and rejects mark the addresses concerned, so administrators
 * see them (GET /email-problems) before the next e-mail to that address goes nowhere. Logs carry
 * the domain of an address, never the address.
 */
export interface EmailFeedbackPorts {
  emailStatus: EmailStatusStore;
  clock: Clock;
  log: Log;
}

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

const parsed = (message: string) => {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    body = undefined;
  }
  return sesNotification().safeParse(body);
};

export const makeEmailFeedback = ({ emailStatus, clock, log }: EmailFeedbackPorts) => {
  /**
   * Marks every address one notification (the text SNS delivers) reports. A notification that
   * cannot be read is logged and dropped (a retry would not read it either); a failed write throws,
   * so that Lambda retries the event. Retries are safe: a notification counts once per address.
   */
  const receive = async (message: string, trace: { snsMessageId: string }): Promise<void> => {
    const notification = parsed(message);
    if (!notification.success) {
      log.warn('SES notification not understood; dropped', trace);
      return;
    }
    const problems = feedbackOf(notification.data);
    const outcomes = await Promise.all(problems.map((problem) => emailStatus.record(problem, clock.now())));
    problems.forEach((problem, i) => {
      log.info('e-mail problem', {
        problem: problem.problem,
        bounceType: problem.bounceType,
        domain: domainOf(problem.address),
        outcome: outcomes[i],
        sesMessageId: notification.data.mail.messageId,
      });
    });
  };

  /** Every address SES reported a problem with, by address. */
  const problems = () => emailStatus.list();

  return { receive, problems };
};

export type EmailFeedbackUseCase = ReturnType<typeof makeEmailFeedback>;
