import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { emailFeedback } from '../../shared/composition.ts';
import { observability } from '../../shared/observability.ts';

/**
 * SES feedback: the configuration set of the Mailer construct publishes bounces, complaints and
 * rejects to an SNS topic, and the topic invokes this function with one or more notifications
 * (shared/usecases/email-feedback.ts). One at a time: a failed write throws before the next.
 */
export const handler = middy<SNSEvent, void>()
  .use(observability<SNSEvent, void>((event) => event.Records[0]?.Sns.MessageId))
  .handler(async (event) => {
    for (const record of event.Records) {
      await emailFeedback().receive(record.Sns.Message, { snsMessageId: record.Sns.MessageId });
    }
  });
