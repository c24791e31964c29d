import * as z from 'zod/mini';

/**
 * An SES notification as the configuration set's event destination publishes it to SNS (or an
 * identity's feedback notification: it names the type in `notificationType` instead of
 * `eventType`). Only what the e-mail problem list uses is read; everything else is let through.
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
const build = () => {
  const Recipient = z.object({ emailAddress: z.string() });
  const Instant = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value))));
  const NonEmpty = z.string().check(z.minLength(1));
  return z.object({
    eventType: z.optional(z.string()),
    notificationType: z.optional(z.string()),
    mail: z.object({
      messageId: NonEmpty,
      timestamp: Instant,
      destination: z._default(z.array(z.string()), []),
    }),
    bounce: z.optional(
      z.object({
        bounceType: z.string(),
        bouncedRecipients: z.array(Recipient),
        timestamp: Instant,
        feedbackId: NonEmpty,
      }),
    ),
    complaint: z.optional(
      z.object({
        complainedRecipients: z.array(Recipient),
        timestamp: Instant,
        feedbackId: NonEmpty,
      }),
    ),
  });
};

let built: ReturnType<typeof build> | undefined;

/**
 * Built on first use, not at import: the composition root imports the feedback use case into
 * every function's module graph, and a schema built at import keeps zod (~17 KB, even of zod/mini)
 * in bundles that never read an SES notification — the mailer's among them.
 */
export const sesNotification = (): ReturnType<typeof build> => {
  built ??= build();
  return built;
};
export type SesNotification = z.output<ReturnType<typeof build>>;
