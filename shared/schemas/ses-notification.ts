import * as z from 'zod';

/**
 * An SES notification as the configuration set's event destination publishes it to SNS (or an
 * identity's feedback notification: it names the type in `notificationType` instead of
 * `eventType`). Only what the e-mail problem list uses is read; everything else is let through.
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
const Recipient = z.object({ emailAddress: z.string() });
const Instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)));

export const SesNotification = z.object({
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
export type SesNotification = z.output<typeof SesNotification>;
