import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { type Config, config } from '../../config.ts';
import { tracer } from '../../observability.ts';
import type { Mailer } from '../../ports.ts';

/**
 * The SES client of the mailer. `maxAttempts: 1`: SendEmail has no idempotency token, so an SDK
 * retry after a timeout may deliver the same e-mail twice; retries happen one level up, on the
 * outbox item, where a conditional write decides who sends. The timeouts keep one hung call well
 * inside the outbox lease (deliver-outbox.ts), so a slow SES cannot make two senders overlap.
 * Captured by the tracer: each SendEmail is a subsegment of the mailer's trace.
 */
export const createSesClient = (
  settings: Pick<Config, 'AWS_REGION' | 'SES_ENDPOINT'> = config(),
): SESClient =>
  tracer.captureAWSv3Client(
    new SESClient({
      region: settings.AWS_REGION,
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
      ...(settings.SES_ENDPOINT
        ? { endpoint: settings.SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  );

const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

/** SES v1 SendEmail (what the local emulator speaks too), from MAIL_FROM, in the configuration set if any. */
export const sesMailer = (
  client: SESClient,
  settings: Pick<Config, 'MAIL_FROM' | 'SES_CONFIGURATION_SET'> = config(),
): Mailer => ({
  send: async (email) => {
    const sent = await client.send(
      new SendEmailCommand({
        Source: settings.MAIL_FROM,
        Destination: { ToAddresses: email.to, CcAddresses: email.cc },
        Message: {
          Subject: utf8(email.subject),
          Body: { Text: utf8(email.text), Html: utf8(email.html) },
        },
        ...(settings.SES_CONFIGURATION_SET ? { ConfigurationSetName: settings.SES_CONFIGURATION_SET } : {}),
      }),
    );
    if (!sent.MessageId) throw new Error('SES answered without a MessageId');
    return sent.MessageId;
  },
});
