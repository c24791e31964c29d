import type { SNSEvent } from 'aws-lambda';
import { emailFeedback } from '../../shared/composition.ts';

/**
 * SES feedback: the configuration set of the Mailer construct publishes bounces, complaints and
 * rejects to an SNS topic, and the topic invokes this function with one or more notifications
 * (shared/usecases/email-feedback.ts). One at a time: a failed write throws before the next.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    await emailFeedback().receive(record.Sns.Message, { snsMessageId: record.Sns.MessageId });
  }
};
